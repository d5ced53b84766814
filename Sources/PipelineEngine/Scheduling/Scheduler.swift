import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore

/// Runs a plan's tasks with structured concurrency: a task starts the moment its own
/// dependencies are done, within the run's, its stage's and its workload's limits.
/// A failed task fails its dependants (skipped, with the reason); independent branches go on.
///
/// The decisions are ``SchedulerStateMachine``'s; this loop performs its actions: it tells the
/// observer, runs each task's ``TaskAttempt`` in a task group, and writes the rows of the tasks
/// that did not run when the run ends.
struct Scheduler {
    let plan: Plan
    let dispositions: TaskDispositions
    let executors: [String: any StageExecutor]
    let store: any StateStore
    let observer: any RunObserver
    let configuration: RunConfiguration
    /// In a shared run (`--worker`), claims each task before it starts.
    var claimer: TaskClaimer? = nil

    /// What a child task of the loop ended with.
    private enum Completion: Sendable {
        /// A task's attempts are behind it (or another worker finished it).
        case finished(index: Int, result: Result<TaskResult, TaskFailure>)
        /// Another worker holds the task.
        case parked(index: Int)
        /// Time to look at a parked task again.
        case recheck(index: Int)
    }

    /// What the loop keeps besides the machine: when each task was queued, the rows to write.
    private struct Ledger {
        var queuedAt: [Date?]
        var records: [TaskRecord] = []
    }

    func run() async -> RunSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let storeErrors = StoreErrorLog()
        var machine = SchedulerStateMachine(plan: plan, dispositions: dispositions, configuration: configuration)
        var ledger = Ledger(queuedAt: [Date?](repeating: nil, count: plan.tasks.count))
        // Cancellation is read where the machine decides what starts next, and once at the end.
        if Task.isCancelled { machine.cancel() }
        let first = machine.start()
        await withTaskGroup(of: Completion.self) { group in
            perform(first, ledger: &ledger, group: &group, storeErrors: storeErrors)
            while let completion = await group.next() {
                if Task.isCancelled { machine.cancel() }
                let action: SchedulerStateMachine.Action
                switch completion {
                case .finished(let index, let result):
                    action = machine.taskFinished(index, result)
                case .parked(let index):
                    action = machine.taskParked(index)
                    let delay = claimer?.options.recheckInterval ?? 1
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                        return .recheck(index: index)
                    }
                case .recheck(let index):
                    action = machine.taskUnparked(index)
                }
                perform(action, ledger: &ledger, group: &group, storeErrors: storeErrors)
            }
        }
        // Whatever never started: the run stopped early (fail-fast, a fatal error, or Ctrl-C).
        if Task.isCancelled { machine.cancel() }
        let end = machine.finish()
        note(end, ledger: &ledger)
        var summary = end.summary ?? machine.summary
        summary.storeErrors += await storeErrors.messages
        let records = ledger.records
        if !records.isEmpty {
            do {
                try await store.recordTasks(records)
            } catch {
                let message = "the state store could not record \(records.count) skipped task(s): \(error)"
                summary.storeErrors.append(message)
                observer.observe(.warning(message))
            }
        }
        summary.seconds = (clock.now - started).seconds
        return summary
    }

    /// Tells the observer what the machine decided, notes the queued tasks and the rows of the
    /// tasks that did not run, and starts the tasks it released.
    private func perform(
        _ action: SchedulerStateMachine.Action, ledger: inout Ledger, group: inout TaskGroup<Completion>,
        storeErrors: StoreErrorLog
    ) {
        note(action, ledger: &ledger)
        for start in action.start {
            var attempt = TaskAttempt(
                plan: plan, task: start.task, stage: start.stage, disposition: dispositions[position: start.index],
                queuedAt: ledger.queuedAt[start.index] ?? Date(), upstream: start.upstream,
                executor: executors[start.task.typeName], store: store, observer: observer,
                configuration: configuration, storeErrors: storeErrors)
            let index = start.index
            let claimer = claimer
            group.addTask {
                guard let claimer else { return .finished(index: index, result: await attempt.run()) }
                switch await claimer.claim(attempt.task) {
                case .run(let fence):
                    attempt.fence = fence
                    let result = await attempt.run()
                    if case .failure(let failure) = result, failure.isClaimLost { return .parked(index: index) }
                    return .finished(index: index, result: result)
                case .park:
                    return .parked(index: index)
                case .doneElsewhere(let result):
                    return .finished(index: index, result: .success(result))
                case .failedElsewhere(let failure):
                    return .finished(index: index, result: .failure(failure))
                }
            }
        }
    }

    private func note(_ action: SchedulerStateMachine.Action, ledger: inout Ledger) {
        for event in action.events { observer.observe(event) }
        if !action.queued.isEmpty {
            let now = Date()
            for index in action.queued { ledger.queuedAt[index] = now }
        }
        for row in action.notRun {
            ledger.records.append(record(plan.tasks[row.index], status: row.status, error: row.reason))
        }
    }

    private func record(_ task: PlannedTask, status: TaskStatus, error: String? = nil) -> TaskRecord {
        TaskRecord(
            runID: configuration.runID, taskID: task.id, stage: task.stage, cacheKey: task.cacheKey, status: status,
            attempts: 0, queuedAt: nil, startedAt: nil, finishedAt: Date(), credits: 0, error: error, detail: nil)
    }
}
