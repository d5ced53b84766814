import PipelineBasics
import PipelineLanguage
import PipelineStore

/// The scheduler's decisions as a value: which tasks start and with what, which are skipped and
/// why, and the run's counts and outcome.
///
/// It takes events (the run starts, a task finished, the run is cancelled, the run is over) and
/// answers each with an ``Action`` that ``Scheduler`` performs. It does no I/O and reads no clock:
/// no store, no observer (the observer's events come back in the actions, in the order they
/// happened), no tasks of its own. So every rule of scheduling can be tested in microseconds.
///
/// The rules: a task joins its stage's queue when its dependencies are done; queued tasks start
/// in the plan's stage order, within the run's `max_parallel`, their stage's `max_parallel` and
/// their workload's limit (CPU-bound stages share `cpuParallel`). A cached task completes at
/// once (its stored outputs are parsed only when a dependant starts) and is counted, not
/// recorded. An uncertain task is skipped with its dependants. A failed task skips its
/// dependants; independent branches go on unless the run is failing fast or the failure stops
/// the run. After a cancel nothing starts, and the tasks still waiting at the end are skipped as
/// interrupted.
struct SchedulerStateMachine {
    /// Where a task is.
    enum TaskState: Equatable {
        /// Its dependencies are not all done, or it is queued and not started yet.
        case waiting
        case running
        case done
        case failed
        case skipped
        /// Another worker holds it (a shared run); it is tried again later.
        case parked
    }

    /// A task to start now, with the outputs of the tasks it depends on (by task id).
    struct TaskStart {
        var index: Int
        var task: PlannedTask
        var stage: Stage
        var upstream: [String: [String: Value]]
    }

    /// A task that did not run, and why: its row is written to the store when the run ends.
    struct NotRun: Equatable {
        var index: Int
        var taskID: String
        var status: TaskStatus
        var reason: String
    }

    /// What the scheduler does after an event, in this order: it tells the observer `events`,
    /// notes when the `queued` tasks joined their queue, keeps the rows of `notRun`, and starts
    /// the tasks of `start`.
    struct Action {
        /// For the observer, in order: cached and skipped tasks.
        var events: [RunEvent] = []
        /// Tasks that joined their stage's queue (indices into the plan's tasks), in order.
        var queued: [Int] = []
        /// Tasks skipped or left uncertain, in order.
        var notRun: [NotRun] = []
        /// Tasks to start now, in order.
        var start: [TaskStart] = []
        /// Set by ``finish()`` only: the run's counts and outcome. Its seconds and the store's
        /// errors are the scheduler's to add.
        var summary: RunSummary?
    }

    private let tasks: [PlannedTask]
    private let dispositions: TaskDispositions
    private let stageOrder: [String]
    private let stages: [String: Stage]
    private let maxParallel: Int
    private let cpuParallel: Int
    private let failFast: Bool
    /// The plan's own table of task positions by id.
    private let indexByID: [String: Int]
    /// Dependencies not done yet, by task.
    private var pending: [Int]
    private var dependents: [[Int]]
    private(set) var state: [TaskState]
    private var outputs: [[String: Value]?]
    /// A cached task's outputs stay the stored JSON until a dependant starts and needs them:
    /// a no-op re-run of 10,000 tasks parses none of them.
    private var cachedOutputsJSON: [String?]
    private var readyByStage: [String: [Int]] = [:]
    private var readyHead: [String: Int] = [:]
    private(set) var runningByStage: [String: Int] = [:]
    private(set) var runningByWorkload: [StageType.Workload: Int] = [:]
    /// Tasks started and not finished.
    private(set) var running = 0
    /// Tasks another worker holds, to try again.
    private(set) var parked = 0
    /// Whether a failure stopped the run (fail-fast, or a failure that stops every run).
    private(set) var stopping = false
    private(set) var cancelled = false
    private(set) var summary: RunSummary
    /// How many cached outputs were parsed from their JSON (only those a dependant needed).
    private(set) var cachedOutputsParsed = 0

    init(plan: Plan, dispositions: TaskDispositions, configuration: RunConfiguration) {
        tasks = plan.tasks
        self.dispositions = dispositions
        stageOrder = plan.stages.map(\.name)
        var stages: [String: Stage] = [:]
        for stage in plan.pipeline.stages { stages[stage.name] = stage }
        self.stages = stages
        maxParallel = configuration.maxParallel
        cpuParallel = configuration.cpuParallel
        failFast = configuration.failFast
        summary = RunSummary(runID: configuration.runID)
        summary.tasks = tasks.count
        indexByID = plan.positionsByID
        pending = [Int](repeating: 0, count: tasks.count)
        dependents = [[Int]](repeating: [], count: tasks.count)
        for (index, task) in tasks.enumerated() {
            for dependency in task.dependencies {
                guard let producer = indexByID[dependency] else { continue }
                pending[index] += 1
                dependents[producer].append(index)
            }
        }
        state = [TaskState](repeating: .waiting, count: tasks.count)
        outputs = [[String: Value]?](repeating: nil, count: tasks.count)
        cachedOutputsJSON = [String?](repeating: nil, count: tasks.count)
    }

    /// The task at `index` of the plan's tasks.
    func task(_ index: Int) -> PlannedTask {
        tasks[index]
    }

    /// The index of the task with this id.
    func index(of taskID: String) -> Int? {
        indexByID[taskID]
    }

    // MARK: - Events

    /// The run starts: the tasks without dependencies are released, and what may start starts.
    mutating func start() -> Action {
        var action = Action()
        // The roots are taken before any is released: a cached root completes inline and may
        // queue its dependants, which then have no pending dependency either but must not be
        // queued a second time (that started the same paid task twice).
        let roots = tasks.indices.filter { pending[$0] == 0 }
        for index in roots where state[index] == .waiting {
            if let produced = becameReady(index, into: &action) { complete(index, with: produced, into: &action) }
        }
        startAvailable(into: &action)
        return action
    }

    /// A started task finished, for good (its retries are behind it).
    mutating func taskFinished(_ index: Int, _ result: Result<TaskResult, TaskFailure>) -> Action {
        var action = Action()
        let task = tasks[index]
        running -= 1
        runningByStage[task.stage, default: 1] -= 1
        if let stage = stages[task.stage] { runningByWorkload[stage.type.workload, default: 1] -= 1 }
        switch result {
        case .success(let result):
            summary.succeeded += 1
            if result.doneElsewhere { summary.doneElsewhere += 1 }
            summary.creditsSpent += result.creditsSpent
            complete(index, with: result.outputs, into: &action)
        case .failure(let failure):
            state[index] = .failed
            if failure.isUncertain {
                summary.uncertain += 1
            } else {
                summary.failed += 1
            }
            summary.failures.append((task.id, failure.message))
            skipDependents(
                of: index, reason: "depends on \(failure.isUncertain ? "uncertain" : "failed") \(task.id)",
                into: &action)
            if failFast || failure.stopsRun { stopping = true }
        }
        startAvailable(into: &action)
        return action
    }

    /// A started task is another worker's (it holds the task's claim in a shared run): its slot
    /// is free for other tasks, and the task waits, neither queued nor running, until
    /// ``taskUnparked(_:)``.
    mutating func taskParked(_ index: Int) -> Action {
        var action = Action()
        let task = tasks[index]
        running -= 1
        runningByStage[task.stage, default: 1] -= 1
        if let stage = stages[task.stage] { runningByWorkload[stage.type.workload, default: 1] -= 1 }
        state[index] = .parked
        parked += 1
        startAvailable(into: &action)
        return action
    }

    /// A parked task is worth trying again (its holder's lease may have ended): it joins its
    /// stage's queue again. After a cancel or a stop it stays waiting, and ``finish()`` skips it.
    mutating func taskUnparked(_ index: Int) -> Action {
        var action = Action()
        guard state[index] == .parked else { return action }
        parked -= 1
        state[index] = .waiting
        readyByStage[tasks[index].stage, default: []].append(index)
        startAvailable(into: &action)
        return action
    }

    /// The run is cancelled (Ctrl-C): nothing starts from now on; the running tasks finish (as
    /// interrupted) and ``finish()`` skips the waiting ones as interrupted.
    mutating func cancel() {
        cancelled = true
    }

    /// No task is running and none will start: the tasks still waiting are skipped (interrupted,
    /// or not started after a failure) and the run's outcome is decided.
    mutating func finish() -> Action {
        assert(running == 0, "the run finishes when no task is running")
        var action = Action()
        let reason = cancelled ? "interrupted" : "not started: the run stopped after a failure"
        for index in tasks.indices where state[index] == .waiting || state[index] == .parked {
            state[index] = .skipped
            summary.skipped += 1
            skip(index, status: .skipped, reason: reason, into: &action)
        }
        if cancelled {
            summary.outcome = .interrupted
        } else if summary.failed > 0 {
            summary.outcome = .failed
        } else if summary.uncertain > 0 {
            summary.outcome = .uncertain
        } else {
            summary.outcome = .succeeded
        }
        action.summary = summary
        return action
    }

    // MARK: - Rules

    /// Tells the observer and the store that a task did not run.
    private func skip(_ index: Int, status: TaskStatus, reason: String, into action: inout Action) {
        let task = tasks[index]
        action.events.append(.taskSkipped(task: task.id, stage: task.stage, reason: reason))
        action.notRun.append(NotRun(index: index, taskID: task.id, status: status, reason: reason))
    }

    private mutating func skipDependents(of index: Int, reason: String, into action: inout Action) {
        var stack = dependents[index]
        while let next = stack.popLast() {
            guard state[next] == .waiting else { continue }
            state[next] = .skipped
            summary.skipped += 1
            skip(next, status: .skipped, reason: reason, into: &action)
            stack.append(contentsOf: dependents[next])
        }
    }

    /// Marks a task done and releases what waited for it; cached tasks complete inline.
    private mutating func complete(_ index: Int, with produced: [String: Value], into action: inout Action) {
        var work = [(index, produced)]
        while let (current, values) = work.popLast() {
            state[current] = .done
            outputs[current] = values
            for dependent in dependents[current] where state[dependent] == .waiting {
                pending[dependent] -= 1
                if pending[dependent] == 0, let cachedOutputs = becameReady(dependent, into: &action) {
                    work.append((dependent, cachedOutputs))
                }
            }
        }
    }

    /// A done task's outputs; a cached task's are parsed from the stored JSON on first use.
    private mutating func producedOutputs(of index: Int) -> [String: Value]? {
        if let json = cachedOutputsJSON[index] {
            cachedOutputsJSON[index] = nil
            cachedOutputsParsed += 1
            outputs[index] = CacheRecord.outputs(fromJSON: json)
        }
        return outputs[index]
    }

    /// Queues a task whose dependencies are done; returns its outputs when it is cached
    /// (empty until ``producedOutputs(of:)`` parses them).
    private mutating func becameReady(_ index: Int, into action: inout Action) -> [String: Value]? {
        let task = tasks[index]
        switch dispositions[position: index] {
        case .cached(let entry)?:
            // Counted on the run's row, not a row each: a no-op re-run writes O(1) rows.
            summary.cached += 1
            action.events.append(.taskCached(task: task.id, stage: task.stage))
            cachedOutputsJSON[index] = entry.outputsJSON
            return [:]
        case .uncertain(let job)?:
            state[index] = .skipped
            summary.uncertain += 1
            let reason =
                "uncertain: a create call for this task (intent at \(job.intentAt)) has no recorded answer; check the Magic Hour dashboard, then rerun with \(Remedy.resubmitUncertain.phrase)"
            skip(index, status: .uncertain, reason: reason, into: &action)
            skipDependents(of: index, reason: "depends on uncertain \(task.id)", into: &action)
            return nil
        default:
            readyByStage[task.stage, default: []].append(index)
            action.queued.append(index)
            return nil
        }
    }

    /// Starts queued tasks, stage by stage in the plan's order, while the limits allow.
    private mutating func startAvailable(into action: inout Action) {
        guard !stopping, !cancelled else { return }
        for stageName in stageOrder {
            guard var queue = readyByStage[stageName], let stage = stages[stageName] else { continue }
            var head = readyHead[stageName] ?? 0
            let workload = stage.type.workload
            let workloadLimit = workload == .cpu ? cpuParallel : maxParallel
            let stageLimit = stage.maxParallel ?? Int.max
            while head < queue.count, running < maxParallel, runningByStage[stageName, default: 0] < stageLimit,
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
                action.start.append(TaskStart(index: index, task: task, stage: stage, upstream: upstream))
            }
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            readyByStage[stageName] = queue
            readyHead[stageName] = head
        }
    }
}
