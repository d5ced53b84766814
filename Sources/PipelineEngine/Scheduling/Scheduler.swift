import Foundation
import PipelineLanguage
import PipelineStore

/// Runs a plan's tasks with structured concurrency: a task starts the moment its own
/// dependencies are done, within the run's, its stage's and its workload's limits.
/// A failed task fails its dependants (skipped, with the reason); independent branches go on.
struct Scheduler {
    let plan: Plan
    let dispositions: [String: TaskDisposition]
    let executors: [String: any StageExecutor]
    let store: any StateStore
    let observer: any RunObserver
    let configuration: RunConfiguration

    private enum State {
        case waiting, running, done, failed, skipped
    }

    /// One finished attempt sequence of a task.
    private struct Completion: Sendable {
        var index: Int
        var result: Result<TaskResult, TaskFailure>
    }

    func run() async -> RunSummary {
        let clock = ContinuousClock()
        let started = clock.now
        var summary = RunSummary(runID: configuration.runID)
        let storeErrors = StoreErrorLog()
        summary.tasks = plan.tasks.count
        let tasks = plan.tasks
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(tasks.count)
        for (index, task) in tasks.enumerated() { indexByID[task.id] = index }
        var pending = [Int](repeating: 0, count: tasks.count)
        var dependents = [[Int]](repeating: [], count: tasks.count)
        for (index, task) in tasks.enumerated() {
            for dependency in task.dependencies {
                guard let producer = indexByID[dependency] else { continue }
                pending[index] += 1
                dependents[producer].append(index)
            }
        }
        var state = [State](repeating: .waiting, count: tasks.count)
        var outputs = [[String: Value]?](repeating: nil, count: tasks.count)
        // A cached task's outputs stay the stored JSON until a dependant starts and needs them:
        // a no-op re-run of 10,000 tasks parses none of them.
        var cachedOutputsJSON = [String?](repeating: nil, count: tasks.count)
        var readyByStage: [String: [Int]] = [:]
        var queuedAt = [Date?](repeating: nil, count: tasks.count)
        var readyHead: [String: Int] = [:]
        var runningByStage: [String: Int] = [:]
        var runningByWorkload: [StageType.Workload: Int] = [:]
        var running = 0
        var stopping = false
        var records: [TaskRecord] = []
        let stageOrder = plan.stages.map(\.name)
        var stages: [String: Stage] = [:]
        for stage in plan.pipeline.stages { stages[stage.name] = stage }

        func skipDependents(of index: Int, reason: String) {
            var stack = dependents[index]
            while let next = stack.popLast() {
                guard state[next] == .waiting else { continue }
                state[next] = .skipped
                summary.skipped += 1
                observer.observe(.taskSkipped(task: tasks[next].id, stage: tasks[next].stage, reason: reason))
                records.append(record(tasks[next], status: .skipped, error: reason))
                stack.append(contentsOf: dependents[next])
            }
        }

        /// Marks a task done and releases what waited for it; cached tasks complete inline.
        func complete(_ index: Int, with produced: [String: Value]) {
            var work = [(index, produced)]
            while let (current, values) = work.popLast() {
                state[current] = .done
                outputs[current] = values
                for dependent in dependents[current] where state[dependent] == .waiting {
                    pending[dependent] -= 1
                    if pending[dependent] == 0, let cachedOutputs = becameReady(dependent) {
                        work.append((dependent, cachedOutputs))
                    }
                }
            }
        }

        /// A done task's outputs; a cached task's are parsed from the stored JSON on first use.
        func producedOutputs(of index: Int) -> [String: Value]? {
            if let json = cachedOutputsJSON[index] {
                cachedOutputsJSON[index] = nil
                outputs[index] = CacheRecord.outputs(fromJSON: json)
            }
            return outputs[index]
        }

        /// Queues a task whose dependencies are done; returns its outputs when it is cached
        /// (empty until ``producedOutputs(of:)`` parses them).
        func becameReady(_ index: Int) -> [String: Value]? {
            let task = tasks[index]
            switch dispositions[task.id] {
            case .cached(let entry)?:
                // Counted on the run's row, not a row each: a no-op re-run writes O(1) rows.
                summary.cached += 1
                observer.observe(.taskCached(task: task.id, stage: task.stage))
                cachedOutputsJSON[index] = entry.outputsJSON
                return [:]
            case .uncertain(let job)?:
                state[index] = .skipped
                summary.uncertain += 1
                let reason =
                    "uncertain: a create call for this task (intent at \(job.intentAt)) has no recorded answer; check the Magic Hour dashboard, then rerun with --resubmit-uncertain"
                observer.observe(.taskSkipped(task: task.id, stage: task.stage, reason: reason))
                records.append(record(task, status: .uncertain, error: reason))
                skipDependents(of: index, reason: "depends on uncertain \(task.id)")
                return nil
            default:
                readyByStage[task.stage, default: []].append(index)
                queuedAt[index] = Date()
                return nil
            }
        }

        // The roots are taken before any is released: a cached root completes inline and may
        // queue its dependants, which then have no pending dependency either but must not be
        // queued a second time (that started the same paid task twice).
        let roots = tasks.indices.filter { pending[$0] == 0 }
        for index in roots where state[index] == .waiting {
            if let produced = becameReady(index) { complete(index, with: produced) }
        }

        await withTaskGroup(of: Completion.self) { group in
            func startAvailable() {
                guard !stopping, !Task.isCancelled else { return }
                for stageName in stageOrder {
                    guard var queue = readyByStage[stageName], let stage = stages[stageName] else { continue }
                    var head = readyHead[stageName] ?? 0
                    let workload = stage.type.workload
                    let workloadLimit = workload == .cpu ? configuration.cpuParallel : configuration.maxParallel
                    let stageLimit = stage.maxParallel ?? Int.max
                    while head < queue.count, running < configuration.maxParallel,
                        runningByStage[stageName, default: 0] < stageLimit,
                        runningByWorkload[workload, default: 0] < workloadLimit
                    {
                        let index = queue[head]
                        head += 1
                        state[index] = .running
                        running += 1
                        runningByStage[stageName, default: 0] += 1
                        runningByWorkload[workload, default: 0] += 1
                        let task = tasks[index]
                        var upstream: [String: [String: Value]] = [:]
                        for dependency in task.dependencies {
                            if let producer = indexByID[dependency], let produced = producedOutputs(of: producer) {
                                upstream[dependency] = produced
                            }
                        }
                        let attempt = TaskAttempt(
                            plan: plan, task: task, stage: stage, disposition: dispositions[task.id],
                            queuedAt: queuedAt[index] ?? Date(), upstream: upstream,
                            executor: executors[task.typeName], store: store, observer: observer,
                            configuration: configuration, storeErrors: storeErrors)
                        group.addTask {
                            Completion(index: index, result: await attempt.run())
                        }
                    }
                    if head == queue.count {
                        queue.removeAll(keepingCapacity: true)
                        head = 0
                    }
                    readyByStage[stageName] = queue
                    readyHead[stageName] = head
                }
            }

            startAvailable()
            while let completion = await group.next() {
                let task = tasks[completion.index]
                running -= 1
                runningByStage[task.stage, default: 1] -= 1
                if let stage = stages[task.stage] { runningByWorkload[stage.type.workload, default: 1] -= 1 }
                switch completion.result {
                case .success(let result):
                    summary.succeeded += 1
                    summary.creditsSpent += result.creditsSpent
                    complete(completion.index, with: result.outputs)
                case .failure(let failure):
                    state[completion.index] = .failed
                    if failure.isUncertain {
                        summary.uncertain += 1
                    } else {
                        summary.failed += 1
                    }
                    summary.failures.append((task.id, failure.message))
                    skipDependents(
                        of: completion.index,
                        reason: "depends on \(failure.isUncertain ? "uncertain" : "failed") \(task.id)")
                    if configuration.failFast || failure.stopsRun { stopping = true }
                }
                startAvailable()
            }
        }

        // Whatever never started: the run stopped early (fail-fast, a fatal error, or Ctrl-C).
        let interrupted = Task.isCancelled
        for index in tasks.indices where state[index] == .waiting {
            state[index] = .skipped
            summary.skipped += 1
            let reason = interrupted ? "interrupted" : "not started: the run stopped after a failure"
            observer.observe(.taskSkipped(task: tasks[index].id, stage: tasks[index].stage, reason: reason))
            records.append(record(tasks[index], status: .skipped, error: reason))
        }
        summary.storeErrors += await storeErrors.messages
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
        if interrupted {
            summary.outcome = .interrupted
        } else if summary.failed > 0 {
            summary.outcome = .failed
        } else if summary.uncertain > 0 {
            summary.outcome = .uncertain
        } else {
            summary.outcome = .succeeded
        }
        return summary
    }

    private func record(_ task: PlannedTask, status: TaskStatus, error: String? = nil) -> TaskRecord {
        TaskRecord(
            runID: configuration.runID, taskID: task.id, stage: task.stage, cacheKey: task.cacheKey, status: status,
            attempts: 0, queuedAt: nil, startedAt: nil, finishedAt: Date(), credits: 0, error: error, detail: nil)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
