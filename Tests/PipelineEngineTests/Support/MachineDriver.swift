import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// Drives a ``SchedulerStateMachine`` the way ``Scheduler`` does, without tasks, store or
/// clock: it keeps what the actions said (events, rows, starts) and checks after every action
/// that no limit is exceeded.
struct MachineDriver {
    let plan: Plan
    let configuration: RunConfiguration
    var machine: SchedulerStateMachine
    /// Every event the observer would have been told by the scheduler itself, in order.
    var events: [RunEvent] = []
    var notRun: [SchedulerStateMachine.NotRun] = []
    /// Task ids in the order they joined a queue.
    var queued: [String] = []
    /// Task ids in the order they started.
    var started: [String] = []
    /// Task ids started and not finished, oldest first.
    var running: [String] = []
    /// The upstream outputs each started task was given.
    var upstream: [String: [String: [String: Value]]] = [:]
    var peak = 0
    var peakByStage: [String: Int] = [:]
    var peakByWorkload: [StageType.Workload: Int] = [:]
    var summary: RunSummary?

    init(
        _ plan: Plan, dispositions: [String: TaskDisposition] = [:], maxParallel: Int = 8, cpuParallel: Int = 8,
        failFast: Bool = false
    ) {
        self.plan = plan
        configuration = RunConfiguration(
            runID: "run-1", baseDirectory: "/tmp", maxParallel: maxParallel, failFast: failFast,
            cpuParallel: cpuParallel)
        machine = SchedulerStateMachine(
            plan: plan, dispositions: TaskDispositions(plan: plan, byID: dispositions), configuration: configuration)
    }

    mutating func start() {
        apply(machine.start())
    }

    mutating func succeed(_ id: String, outputs: [String: Value] = [:], credits: Int = 0) {
        finished(id, .success(TaskResult(outputs: outputs, creditsSpent: credits)))
    }

    mutating func fail(_ id: String, _ failure: TaskFailure = TaskFailure("boom", retryable: false)) {
        finished(id, .failure(failure))
    }

    mutating func cancel() {
        machine.cancel()
    }

    /// Another worker holds the running task `id`: its slot is freed.
    mutating func park(_ id: String) {
        guard let position = running.firstIndex(of: id), let index = machine.index(of: id) else {
            Issue.record("\(id) is not running")
            return
        }
        running.remove(at: position)
        apply(machine.taskParked(index))
    }

    /// A parked task is tried again.
    mutating func unpark(_ id: String) {
        guard let index = machine.index(of: id) else { return }
        apply(machine.taskUnparked(index))
    }

    /// Ends the run; the machine must have no task running.
    @discardableResult
    mutating func finish() -> RunSummary {
        let action = machine.finish()
        apply(action)
        #expect(action.start.isEmpty)
        summary = action.summary
        return action.summary ?? RunSummary(runID: "none")
    }

    /// Succeeds the oldest running task (each with outputs `{"path": "<id>"}`) until none runs,
    /// then ends the run.
    @discardableResult
    mutating func succeedAll() -> RunSummary {
        while let first = running.first {
            succeed(first, outputs: ["path": .string(first)])
        }
        return finish()
    }

    /// The reasons of the skipped-task events, by task id.
    var skipReasons: [String: String] {
        var reasons: [String: String] = [:]
        for event in events {
            if case .taskSkipped(let task, _, let reason) = event { reasons[task] = reason }
        }
        return reasons
    }

    /// The ids of the cached-task events, in order.
    var cachedEvents: [String] {
        events.compactMap { event in
            if case .taskCached(let task, _) = event { return task }
            return nil
        }
    }

    private mutating func finished(_ id: String, _ result: Result<TaskResult, TaskFailure>) {
        guard let position = running.firstIndex(of: id), let index = machine.index(of: id) else {
            Issue.record("\(id) is not running")
            return
        }
        running.remove(at: position)
        apply(machine.taskFinished(index, result))
    }

    private mutating func apply(_ action: SchedulerStateMachine.Action) {
        events += action.events
        notRun += action.notRun
        queued += action.queued.map { machine.task($0).id }
        for start in action.start {
            #expect(machine.task(start.index).id == start.task.id)
            started.append(start.task.id)
            running.append(start.task.id)
            upstream[start.task.id] = start.upstream
        }
        #expect(running.count == machine.running)
        checkLimits()
    }

    private mutating func checkLimits() {
        var byStage: [String: Int] = [:]
        var byWorkload: [StageType.Workload: Int] = [:]
        let stages = Dictionary(plan.pipeline.stages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for id in running {
            guard let task = plan.task(id: id), let stage = stages[task.stage] else { continue }
            byStage[task.stage, default: 0] += 1
            byWorkload[stage.type.workload, default: 0] += 1
            #expect(byStage[task.stage, default: 0] <= stage.maxParallel ?? Int.max, "\(task.stage) over its limit")
        }
        #expect(running.count <= configuration.maxParallel, "over the run's max_parallel")
        #expect(byWorkload[.cpu, default: 0] <= configuration.cpuParallel, "over the cpu workload limit")
        peak = max(peak, running.count)
        for (stage, count) in byStage { peakByStage[stage] = max(peakByStage[stage] ?? 0, count) }
        for (workload, count) in byWorkload { peakByWorkload[workload] = max(peakByWorkload[workload] ?? 0, count) }
        #expect(byStage == machine.runningByStage.filter { $0.value > 0 })
    }
}

/// Dispositions the tests give tasks.
enum Dispositions {
    static func cached(_ task: PlannedTask, outputs: String = #"{"path":"cached.png"}"#) -> TaskDisposition {
        .cached(
            CacheEntry(
                key: task.cacheKey, stage: task.stage, taskID: task.id, stageType: task.typeName, outputsJSON: outputs,
                files: [], runID: "earlier", createdAt: Date(timeIntervalSince1970: 1_790_000_000)))
    }

    static func job(_ task: PlannedTask, state: PaidJob.State = .intent, projectID: String? = nil) -> PaidJob {
        PaidJob(
            key: task.cacheKey, taskID: task.id, runID: "earlier", state: state, projectID: projectID,
            intentAt: Date(timeIntervalSince1970: 1_790_000_000), updatedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }
}
