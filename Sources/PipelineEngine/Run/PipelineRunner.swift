import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore

/// A whole run of a compiled pipeline (a ``PipelineSession``) against an open state store: take
/// the pipeline's lock, close runs that died, fingerprint inputs, plan with cache keys, decide
/// every task's disposition, check budget and balance, schedule, and record the run.
public struct PipelineRunner: Sendable {
    /// Executors by stage type name.
    public let executors: [String: any StageExecutor]
    public let observer: any RunObserver

    public init(executors: [String: any StageExecutor], observer: any RunObserver) {
        self.executors = executors
        self.observer = observer
    }

    /// Runs the session's pipeline to its end against `store` (opened by the caller for
    /// `session.state`). The caller holds no lock: this takes it, per `schedule.overlap` (in
    /// shared mode for a worker, ``RunOptions/worker``).
    public func run(_ session: PipelineSession, store: any StateStore) async throws -> RunSummary {
        // `--force` pays again only for work recorded before this instant.
        let startedAt = Date()
        let pipeline = session.pipeline
        let shared = session.options.worker != nil
        let lock = try await acquireLock(
            store: store, pipeline: pipeline.name, schedule: pipeline.schedule,
            override: session.options.lockWaitTimeout, shared: shared)
        let keeper = RunLockKeeper(lock) { [name = pipeline.name] in
            try await store.lockRun(pipeline: name, waitingUpTo: nil, shared: shared)
        }
        do {
            let summary = try await runHoldingLock(session, store: store, lock: keeper, startedAt: startedAt)
            await keeper.release()
            return summary
        } catch {
            await keeper.release()
            throw error
        }
    }

    private func runHoldingLock(
        _ session: PipelineSession, store: any StateStore, lock: RunLockKeeper, startedAt: Date
    ) async throws
        -> RunSummary
    {
        let pipeline = session.pipeline
        if let worker = session.options.worker {
            return try await runAsWorker(session, store: store, worker: worker, lock: lock, startedAt: startedAt)
        }
        let runID = Self.newRunID()
        // This run holds the pipeline's lock: a run of it still marked running has died.
        do {
            report(closed: try await store.closeAbandonedRuns(pipeline: pipeline.name, at: Date()))
        } catch {
            throw EngineError.store(String(describing: error))
        }
        // What this run does may change what the pipeline's record vouches for: it goes first.
        do {
            try await UpToDateLedger(store: store).forget(pipeline: pipeline.name)
        } catch {
            throw EngineError.store(String(describing: error))
        }
        let prepared = try await session.prepare(store: store, runID: runID, saveFingerprints: true)
        let creditGuard = try await checkBeforeSpending(prepared, options: session.options, store: store)
        announce(prepared)
        try await store.beginRun(runRecord(id: runID, session: session, tasks: prepared.plan.tasks.count))
        let scheduler = scheduler(for: prepared, session: session, store: store, startedAt: startedAt)
        var summary = await lock.whileHeld(observer: observer) {
            await CreditGuard.$current.withValue(creditGuard) { await scheduler.run() }
        }
        summary.budgetRefused = await creditGuard.refusedTasks
        // The ledger knows what this run was charged, tasks that did not finish included (an
        // interrupted render was paid for). These writes finish even while the run is stopping.
        do {
            summary.creditsSpent = try await store.creditsCharged(runID: runID)
            try await store.finishRun(id: runID, outcome: summary.outcome, finishedAt: Date(), totals: summary.totals)
        } catch {
            let message = "the state store could not record the end of run \(runID): \(error)"
            summary.storeErrors.append(message)
            observer.observe(.warning(message))
        }
        await recordUpToDate(prepared, session: session, summary: summary, store: store)
        observer.observe(.runFinished(summary))
        return summary
    }

    /// After a run that left every task succeeded or cached, writes the pipeline's
    /// ``UpToDateRecord`` (when the run can be vouched for), so that the next run with nothing to
    /// do plans nothing. A record that cannot be written only costs that next run its plan.
    private func recordUpToDate(
        _ prepared: PreparedRun, session: PipelineSession, summary: RunSummary, store: any StateStore
    ) async {
        guard let key = session.upToDateKey, summary.outcome == .succeeded, summary.storeErrors.isEmpty,
            summary.failed == 0, summary.skipped == 0, summary.uncertain == 0, summary.budgetRefused == 0,
            summary.projectsGone == 0, summary.succeeded + summary.cached == prepared.plan.tasks.count,
            // `default` resolved by the account's tier: a later tier could mean other tasks.
            !ModelCredits.rows(prepared.plan).contains(where: { $0.model != $0.resolved })
        else { return }
        let ledger = UpToDateLedger(store: store)
        do {
            guard
                let record = try await ledger.record(
                    of: prepared, key: key, inputs: prepared.inputSignatures, callsMagicHour: session.callsMagicHour)
            else { return }
            try await ledger.save(record, pipeline: prepared.plan.pipeline.name)
        } catch {
            observer.observe(
                .warning("the state store could not record that \(prepared.plan.pipeline.name) is up to date: \(error)")
            )
        }
    }

    /// Reports every task of an up-to-date pipeline (``UpToDateLedger/valid(pipeline:key:)``)
    /// cached and records the run: one run row, no plan, no lock (a run that could change
    /// anything drops the record before it starts).
    public func runUpToDate(
        _ record: UpToDateRecord, pipeline: String, file: String, store: any StateStore
    ) async -> RunSummary {
        let started = ContinuousClock.now
        let startedAt = Date()
        let runID = Self.newRunID(at: startedAt)
        let tasks = record.taskCount
        observer.observe(
            .runStarted(
                RunStart(
                    runID: runID, pipeline: pipeline, tasks: tasks, cached: tasks, resumable: 0, uncertain: 0,
                    toRun: 0, creditsToSpend: 0,
                    stages: record.stages.map {
                        RunStart.Stage(name: $0.name, typeName: $0.typeName, tasks: $0.taskIDs.count)
                    })))
        for stage in record.stages {
            for id in stage.taskIDs { observer.observe(.taskCached(task: id, stage: stage.name)) }
        }
        var summary = RunSummary(runID: runID)
        summary.outcome = .succeeded
        summary.tasks = tasks
        summary.cached = tasks
        summary.seconds = (ContinuousClock.now - started).seconds
        let run = RunRecord(
            id: runID, pipeline: pipeline, file: file, startedAt: startedAt, finishedAt: Date(), outcome: .succeeded,
            totals: summary.totals, host: ProcessIdentity.current.host, pid: ProcessIdentity.current.pid,
            processStartTicks: ProcessIdentity.current.startTicks)
        do {
            try await store.beginRun(run)
        } catch {
            let message = "the state store could not record run \(runID): \(error)"
            summary.storeErrors.append(message)
            observer.observe(.warning(message))
        }
        observer.observe(.runFinished(summary))
        return summary
    }

    /// A worker's run: joins the pipeline's shared run (or begins it), takes tasks one claim at a
    /// time while renewing its lease, and leaves the run, closing it when it is the last worker.
    private func runAsWorker(
        _ session: PipelineSession, store: any StateStore, worker: WorkerOptions, lock: RunLockKeeper, startedAt: Date
    ) async throws -> RunSummary {
        let join: WorkerJoin
        do {
            try await UpToDateLedger(store: store).forget(pipeline: session.pipeline.name)
            join = try await store.joinWorkerRun(
                runRecord(id: Self.newRunID(), session: session, tasks: session.plan.tasks.count),
                worker: .current, lease: worker.lease, at: Date())
        } catch {
            throw EngineError.store(String(describing: error))
        }
        report(closed: join.closed)
        let runID = join.run.id
        let prepared = try await session.prepare(store: store, runID: runID, saveFingerprints: true)
        let creditGuard = try await checkBeforeSpending(prepared, options: session.options, store: store)
        announce(prepared)
        let claimer = TaskClaimer(
            store: store, runID: runID, worker: .current, options: worker,
            baseDirectory: PathText.absolute(prepared.plan.pipeline.baseDirectory))
        var scheduler = scheduler(for: prepared, session: session, store: store, startedAt: startedAt)
        scheduler.claimer = claimer
        let observer = observer
        let workerScheduler = scheduler
        var summary = await withTaskGroup(of: Void.self) { group in
            group.addTask { await claimer.keepLeaseAlive(observer: observer) }
            let summary = await lock.whileHeld(observer: observer) {
                await CreditGuard.$current.withValue(creditGuard) { await workerScheduler.run() }
            }
            group.cancelAll()
            return summary
        }
        summary.budgetRefused = await creditGuard.refusedTasks
        do {
            summary.creditsSpent = try await store.creditsCharged(runID: runID)
            if let closed = try await store.leaveWorkerRun(
                runID: runID, worker: .current, outcome: summary.outcome, at: Date())
            {
                summary.outcome = closed.outcome
            }
        } catch {
            let message = "the state store could not record this worker leaving run \(runID): \(error)"
            summary.storeErrors.append(message)
            observer.observe(.warning(message))
        }
        observer.observe(.runFinished(summary))
        return summary
    }

    /// Refuses, before anything is spent, a run over its budget, with unpriced tasks (unless
    /// allowed), or that the account's balance cannot pay for; returns the guard that reserves
    /// each paid create's credits against every limit.
    private func checkBeforeSpending(
        _ prepared: PreparedRun, options: RunOptions, store: any StateStore
    ) async throws -> CreditGuard {
        if let budget = prepared.plan.pipeline.settings.budgetCredits, prepared.creditsToSpend > budget {
            throw EngineError.overBudget(needed: prepared.creditsToSpend, budget: budget)
        }
        if !options.allowUnpriced, prepared.unpricedToRun > 0 {
            throw EngineError.unpriced(tasks: prepared.unpricedToRun)
        }
        let account = try await checkBalance(
            needed: prepared.creditsToSpend, paid: prepared.unpricedToRun > 0, options: options,
            needsAccount: prepared.plan.pipeline.settings.fleet.needsAccount)
        return try await CreditGuard.forRun(prepared, account: account, store: store, observer: observer)
    }

    private func report(closed: [RunRecord]) {
        for crashed in closed {
            observer.observe(
                .warning(
                    "run \(crashed.id) (\(crashed.process)) ended without closing (its process died); closed as crashed with \(crashed.totals.creditsSpent) credits charged"
                ))
        }
    }

    private func announce(_ prepared: PreparedRun) {
        let counts = prepared.counts
        observer.observe(
            .runStarted(
                RunStart(
                    runID: prepared.runID, pipeline: prepared.plan.pipeline.name, tasks: prepared.plan.tasks.count,
                    cached: counts.cached, resumable: counts.resumable, uncertain: counts.uncertain,
                    toRun: counts.toRun, held: counts.held, creditsToSpend: prepared.creditsToSpend,
                    stages: prepared.plan.stages.map {
                        RunStart.Stage(name: $0.name, typeName: $0.typeName, tasks: $0.taskIDs.count)
                    })))
    }

    private func runRecord(id: String, session: PipelineSession, tasks: Int) -> RunRecord {
        RunRecord(
            id: id, pipeline: session.pipeline.name, file: session.file, startedAt: Date(), finishedAt: nil,
            outcome: .running, totals: RunTotals(tasksTotal: tasks), host: ProcessIdentity.current.host,
            pid: ProcessIdentity.current.pid,
            processStartTicks: ProcessIdentity.current.startTicks)
    }

    private func scheduler(
        for prepared: PreparedRun, session: PipelineSession, store: any StateStore, startedAt: Date
    ) -> Scheduler {
        let options = session.options
        let configuration = RunConfiguration(
            runID: prepared.runID, baseDirectory: PathText.absolute(prepared.plan.pipeline.baseDirectory),
            maxParallel: options.maxParallel ?? prepared.plan.pipeline.settings.maxParallel, failFast: options.failFast,
            replacingPaidWork: options.status.force || !options.status.forceStages.isEmpty,
            backoffScale: options.backoffScale, startedAt: startedAt)
        return Scheduler(
            plan: prepared.plan, dispositions: prepared.dispositions, executors: executors, store: store,
            observer: observer, configuration: configuration)
    }

    /// Refuses the run when the account cannot pay for it: the account is read once, before the
    /// first create. A balance that cannot be read is reported and the run goes on (the API
    /// refuses a create it cannot charge, so nothing is overspent), unless account-wide limits
    /// need to know the account.
    private func checkBalance(
        needed: Int, paid: Bool, options: RunOptions, needsAccount: Bool
    ) async throws -> RunAccount? {
        guard needed > 0 || paid, let readAccount = options.readAccount else { return nil }
        let account: RunAccount
        do {
            account = try await readAccount()
        } catch {
            if needsAccount { throw EngineError.accountUnknown(reason: "\(error)") }
            observer.observe(.warning("could not read the account's balance (\(error)); going on without the check"))
            return nil
        }
        if needed > account.credits { throw EngineError.insufficientBalance(needed: needed, balance: account.credits) }
        return account
    }

    private func acquireLock(
        store: any StateStore, pipeline: String, schedule: Schedule?, override: Double?, shared: Bool = false
    ) async throws -> any RunLocking {
        do {
            switch schedule?.overlap ?? .skip {
            case .skip:
                return try await store.lockRun(pipeline: pipeline, waitingUpTo: nil, shared: shared)
            case .wait:
                let seconds = override ?? schedule?.waitTimeout ?? Schedule.defaultWaitTimeout
                return try await store.lockRun(
                    pipeline: pipeline, waitingUpTo: .milliseconds(Int64(seconds * 1000)), shared: shared)
            }
        } catch RunLockError.held(let holder, let file) {
            throw EngineError.lockHeld(holder: holder, lockFile: file)
        } catch RunLockError.timedOut(let holder, _) {
            throw EngineError.lockWaitTimedOut(holder: holder, seconds: override ?? schedule?.waitTimeout ?? 0)
        } catch let error as RunLockError {
            throw EngineError.store(error.description)
        }
    }

    /// A sortable, unique run id: `20261125T061500Z-3f9a2c`.
    public static func newRunID(at date: Date = Date()) -> String {
        // UTC by the calendar's arithmetic (no ICU formatter to build: this is on every run's path).
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let day = CivilDate(daysSinceEpoch: days)
        let clock = seconds - days * 86_400
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            pad(day.year, 4) + pad(day.month, 2) + pad(day.day, 2) + "T" + pad(clock / 3600, 2)
            + pad(clock / 60 % 60, 2) + pad(clock % 60, 2) + "Z"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }
}
