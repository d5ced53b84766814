import Foundation
import PipelineLanguage
import PipelineStore

/// Runs one task to its end: parameters completed from upstream outputs, every attempt under
/// the stage's timeout, retries with exponential backoff, and the outcome recorded in the store
/// (the cache entry first, so a crash after it never redoes the work).
struct TaskAttempt: Sendable {
    let plan: Plan
    let task: PlannedTask
    let stage: Stage
    let disposition: TaskDisposition?
    /// When the task's dependencies were all done and it joined its stage's queue.
    let queuedAt: Date
    let upstream: [String: [String: Value]]
    let executor: (any StageExecutor)?
    let store: any StateStore
    let observer: any RunObserver
    let configuration: RunConfiguration
    /// Where failed progress writes are gathered for the run's summary.
    let storeErrors: StoreErrorLog
    /// In a shared run, this worker's claim on the task: every write carries it.
    var fence: TaskFence? = nil

    /// A timeout of one attempt.
    private struct AttemptTimedOut: Error {}

    func run() async -> Result<TaskResult, TaskFailure> {
        let started = Date()
        guard let executor else {
            return await finish(
                .failure(TaskFailure("no executor for stage type \(task.typeName)", retryable: false)), attempts: 0,
                started: started)
        }
        let parameters: [String: Value]
        do {
            parameters = try plan.resolvedParameters(of: task) { upstream[$0] }
        } catch {
            return await finish(
                .failure(TaskFailure(error.description, retryable: false)), attempts: 0, started: started)
        }
        let forced: Bool = {
            if case .run(.forced)? = disposition { return true }
            return false
        }()
        let journal = PaidWorkJournal(
            key: task.cacheKey, taskID: task.id, runID: configuration.runID,
            replacingJobsBefore: configuration.replacingPaidWork && forced ? configuration.startedAt : nil,
            resubmittingUncertain: { if case .run(.resubmitUncertain)? = disposition { true } else { false } }(),
            estimate: task.isUnpriced ? nil : task.credits, store: store)
        // A forced task may meet its own earlier outputs (a rename target): tell the executor which.
        var previousFiles: [StoredFile] = []
        if forced {
            do {
                previousFiles =
                    try await store.cacheEntries(keys: [task.cacheKey])[task.cacheKey]?
                    .first { $0.location == (task.outputPath ?? "") }?.files ?? []
            } catch {
                return await finish(
                    .failure(Self.storeFailure(error, doing: "read this task's earlier outputs")), attempts: 0,
                    started: started)
            }
        }
        let phases = PhaseRecorder()
        let timeout = stage.timeout ?? stage.type.defaultTimeout
        var attempt = 0
        var delay = stage.retry.backoff * configuration.backoffScale
        while true {
            attempt += 1
            if Task.isCancelled {
                return await finish(
                    .failure(TaskFailure("interrupted", retryable: false)), attempts: attempt - 1, started: started,
                    phases: phases)
            }
            observer.observe(.taskStarted(task: task.id, stage: task.stage, attempt: attempt))
            await recordProgress(record(.running, attempts: attempt, started: started, phases: phases.recorded))
            let context = TaskContext(
                task: task, parameters: parameters, baseDirectory: configuration.baseDirectory,
                settings: plan.pipeline.settings,
                pipelineName: plan.pipeline.name, runID: configuration.runID, attempt: attempt, journal: journal,
                previousFiles: previousFiles,
                progress: { [observer, task] message in
                    observer.observe(.taskProgress(task: task.id, stage: task.stage, message: message))
                },
                phase: { phases.enter($0) })
            let outcome = await Self.attempt(executor, context, timeout: timeout)
            switch outcome {
            case .success(let result):
                do {
                    let entry = CacheEntry(
                        key: task.cacheKey, stage: task.stage, taskID: task.id, stageType: task.typeName,
                        outputsJSON: CacheRecord.outputsJSON(result.outputs, task: task), files: result.files,
                        runID: configuration.runID, createdAt: Date(), location: task.outputPath ?? "")
                    if let fence {
                        try await store.saveCacheEntry(entry, fence: fence)
                    } else {
                        try await store.saveCacheEntry(entry)
                    }
                } catch StateStoreError.fenced {
                    observer.observe(
                        .warning(
                            "\(task.id): another worker took this task over (this worker's lease on it ran out); this worker's result was refused"
                        ))
                    return .failure(Self.claimLost)
                } catch {
                    return await finish(
                        .failure(Self.storeFailure(error, doing: "record the result")), attempts: attempt,
                        started: started, phases: phases)
                }
                return await finish(.success(result), attempts: attempt, started: started, phases: phases)
            case .failure(let failure):
                if Task.isCancelled || !failure.isRetryable || attempt >= stage.retry.attempts {
                    return await finish(.failure(failure), attempts: attempt, started: started, phases: phases)
                }
                observer.observe(
                    .taskRetrying(
                        task: task.id, stage: task.stage, attempt: attempt, delay: delay, error: failure.message))
                try? await Task.sleep(for: .seconds(delay))
                delay *= 2
            }
        }
    }

    /// One attempt, raced against the stage's timeout.
    private static func attempt(
        _ executor: any StageExecutor, _ context: TaskContext, timeout: Double
    ) async -> Result<TaskResult, TaskFailure> {
        do {
            let result = try await withThrowingTaskGroup(of: TaskResult?.self) { group in
                group.addTask { try await executor.execute(context) }
                group.addTask {
                    try await Task.sleep(for: .seconds(timeout))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else { throw AttemptTimedOut() }
                return result
            }
            return .success(result)
        } catch let failure as TaskFailure {
            return .failure(failure)
        } catch let error as StateStoreError {
            return .failure(storeFailure(error, doing: "record the task's paid work"))
        } catch is AttemptTimedOut {
            return .failure(TaskFailure("timed out after \(Value.format(timeout)) s", retryable: true))
        } catch is CancellationError {
            return .failure(TaskFailure("interrupted", retryable: false))
        } catch {
            return .failure(TaskFailure(String(describing: error), retryable: true))
        }
    }

    private func finish(
        _ result: Result<TaskResult, TaskFailure>, attempts: Int, started: Date, phases: PhaseRecorder? = nil
    ) async -> Result<TaskResult, TaskFailure> {
        if case .failure(let failure) = result, failure.isClaimLost { return result }
        let seconds = Date().timeIntervalSince(started)
        let status: TaskStatus
        switch result {
        case .success(let value):
            status = .succeeded
            observer.observe(
                .taskSucceeded(task: task.id, stage: task.stage, credits: value.creditsSpent, seconds: seconds))
        case .failure(let failure):
            status = failure.isUncertain ? .uncertain : .failed
            observer.observe(.taskFailed(task: task.id, stage: task.stage, error: failure.message))
        }
        await recordProgress(
            record(status, attempts: attempts, started: started, result: result, phases: phases?.recorded ?? []))
        return result
    }

    /// The failure of an attempt whose task another worker took over.
    static var claimLost: TaskFailure {
        var failure = TaskFailure("another worker took this task over (this worker's lease ran out)", retryable: false)
        failure.isClaimLost = true
        return failure
    }

    /// Writes a task's progress row. A failure does not stop the task (its work and the ledger
    /// are recorded elsewhere) but is reported: the run's history is incomplete. A row another
    /// worker's newer claim refuses is not this worker's to write, and is dropped.
    private func recordProgress(_ record: TaskRecord) async {
        do {
            if let fence {
                try await store.recordTask(record, fence: fence)
            } else {
                try await store.recordTask(record)
            }
        } catch StateStoreError.fenced {
            observer.observe(
                .warning(
                    "\(task.id): another worker took this task over; this worker's \(record.status) row was refused"))
        } catch {
            let message = "the state store could not record the progress of \(task.id) (\(record.status)): \(error)"
            await storeErrors.record(message)
            observer.observe(.warning(message))
        }
    }

    /// A state-store failure on the paid-work ledger or the cache: never retried (a retry could
    /// pay again for work whose record failed), and it stops the run.
    static func storeFailure(_ error: any Error, doing what: String) -> TaskFailure {
        TaskFailure(
            "the state store could not \(what): \(error); stopping the run so nothing is paid for twice",
            retryable: false, stopsRun: true)
    }

    private func record(
        _ status: TaskStatus, attempts: Int, started: Date, result: Result<TaskResult, TaskFailure>? = nil,
        phases: [TaskPhaseMark] = []
    ) -> TaskRecord {
        var credits = 0
        var error: String?
        switch result {
        case .success(let value)?: credits = value.creditsSpent
        case .failure(let failure)?: error = failure.message
        case nil: break
        }
        return TaskRecord(
            runID: configuration.runID, taskID: task.id, stage: task.stage, cacheKey: task.cacheKey, status: status,
            attempts: attempts, queuedAt: queuedAt, startedAt: started, finishedAt: status == .running ? nil : Date(),
            credits: credits, error: error, detail: nil, phases: phases)
    }
}
