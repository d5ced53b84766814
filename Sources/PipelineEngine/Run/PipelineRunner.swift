import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PipelineLanguage
import PipelineStore

/// A whole run of a pipeline file: compile, take the pipeline's lock, open the state store,
/// fingerprint inputs, plan with cache keys, decide every task's disposition, check the budget,
/// schedule, and record the run.
public struct PipelineRunner: Sendable {
    /// Executors by stage type name.
    public let executors: [String: any StageExecutor]
    public let observer: any RunObserver

    public init(executors: [String: any StageExecutor], observer: any RunObserver) {
        self.executors = executors
        self.observer = observer
    }

    /// Compiles the file and resolves where its state lives; throws on an invalid file.
    public func compile(file: String, options: RunOptions) throws -> (Compilation, statePath: String) {
        let compilation = PipelineCompiler().compile(
            file: file,
            options: PlanOptions(computeCacheKeys: false, environment: options.environment, tier: options.tier))
        guard let pipeline = compilation.pipeline, compilation.plan != nil, !compilation.hasErrors else {
            throw EngineError.invalidPipeline(compilation)
        }
        let base = Self.absolute(pipeline.baseDirectory)
        let statePath = Self.resolvingLinks(
            options.statePath.map(Self.absolute) ?? PathText.join(base, pipeline.settings.stateFile))
        return (compilation, statePath)
    }

    /// The path with symbolic links resolved (the file's, or its folder's when the file does not
    /// exist yet): two paths to one store must share one run lock.
    static func resolvingLinks(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let folder = PathText.dirname(path)
        guard let realFolder = realPath(folder) else { return path }
        return PathText.join(realFolder, PathText.basename(path))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Plans with cache keys and decides each task's disposition against `store`.
    ///
    /// - Parameters:
    ///   - saveFingerprints: false for `plan` and `--dry-run`, which never write.
    ///   - compiled: What ``compile(file:options:)`` returned for this file, if the caller has it
    ///     (saves compiling it again).
    public func prepare(
        file: String, options: RunOptions, store: (any StateStore)?, runID: String, saveFingerprints: Bool,
        compiled: (Compilation, statePath: String)? = nil
    ) async throws -> PreparedRun {
        let (first, statePath) = try compiled ?? compile(file: file, options: options)
        let sources = first.plan?.sourceFiles ?? []
        var digests: [String: String] = [:]
        if let store, saveFingerprints {
            digests = try await FileFingerprinter(store: store).hashes(of: sources)
        }
        let known = digests
        let compilation = PipelineCompiler().compile(
            file: file,
            options: PlanOptions(
                computeCacheKeys: true, environment: options.environment, runID: runID, runDate: Date(),
                digest: { path in try known[path] ?? FileDigester().sha256(ofFileAt: path) }, tier: options.tier))
        guard let plan = compilation.plan, !compilation.hasErrors else {
            throw EngineError.invalidPipeline(compilation)
        }
        var dispositions: [String: TaskDisposition] = [:]
        if let store {
            dispositions = try await TaskStatusResolver(store: store, options: options.status)
                .dispositions(for: plan, baseDirectory: Self.absolute(plan.pipeline.baseDirectory))
        } else {
            let forcedAll = options.status.force
            for task in plan.tasks {
                dispositions[task.id] = .run(
                    forcedAll || options.status.forceStages.contains(task.stage) ? .forced : .newTask)
            }
        }
        return PreparedRun(
            compilation: compilation, plan: plan, dispositions: dispositions, statePath: statePath, runID: runID)
    }

    /// Runs the file to its end. The caller holds no lock: this takes it, per `schedule.overlap`.
    ///
    /// - Parameter compiled: What ``compile(file:options:)`` returned for this file, if the
    ///   caller has it already (it is not compiled again).
    public func run(
        file: String, options: RunOptions, compiled: (Compilation, statePath: String)? = nil
    ) async throws -> RunSummary {
        let runID = Self.newRunID()
        // `--force` pays again only for work recorded before this instant.
        let startedAt = Date()
        let (compilation, statePath) = try compiled ?? compile(file: file, options: options)
        let pipeline = compilation.pipeline!
        let lockPath = RunLock.lockPath(stateFile: statePath, pipeline: pipeline.name)
        let lock = try await acquireLock(path: lockPath, schedule: pipeline.schedule, override: options.lockWaitTimeout)
        defer { lock.release() }

        let store: SQLiteStateStore
        do {
            store = try SQLiteStateStore(path: statePath)
        } catch {
            throw EngineError.store(String(describing: error))
        }
        defer { try? store.close() }
        // This run holds the pipeline's lock: a run of it still marked running has died.
        do {
            for crashed in try await store.closeAbandonedRuns(pipeline: pipeline.name, at: Date()) {
                observer.observe(
                    .warning(
                        "run \(crashed.id) (\(crashed.process)) ended without closing (its process died); closed as crashed with \(crashed.creditsSpent) credits charged"
                    ))
            }
        } catch {
            throw EngineError.store(String(describing: error))
        }
        let prepared = try await prepare(
            file: file, options: options, store: store, runID: runID, saveFingerprints: true,
            compiled: (compilation, statePath))
        if let budget = prepared.plan.pipeline.settings.budgetCredits, prepared.creditsToSpend > budget {
            throw EngineError.overBudget(needed: prepared.creditsToSpend, budget: budget)
        }
        if !options.allowUnpriced, prepared.unpricedToRun > 0 {
            throw EngineError.unpriced(tasks: prepared.unpricedToRun)
        }
        try await checkBalance(needed: prepared.creditsToSpend, options: options)
        let counts = prepared.counts
        observer.observe(
            .runStarted(
                RunStart(
                    runID: runID, pipeline: pipeline.name, tasks: prepared.plan.tasks.count, cached: counts.cached,
                    resumable: counts.resumable, uncertain: counts.uncertain, toRun: counts.toRun, held: counts.held,
                    creditsToSpend: prepared.creditsToSpend,
                    stages: prepared.plan.stages.map {
                        RunStart.Stage(name: $0.name, typeName: $0.typeName, tasks: $0.taskIDs.count)
                    })))
        try await store.beginRun(
            RunRecord(
                id: runID, pipeline: pipeline.name, file: Self.absolute(file), startedAt: Date(), finishedAt: nil,
                outcome: .running,
                creditsSpent: 0, tasksTotal: prepared.plan.tasks.count, tasksSucceeded: 0, tasksCached: 0,
                tasksFailed: 0,
                tasksSkipped: 0, host: ProcessIdentity.current.host, pid: ProcessIdentity.current.pid,
                processStartTicks: ProcessIdentity.current.startTicks))
        let configuration = RunConfiguration(
            runID: runID, baseDirectory: Self.absolute(prepared.plan.pipeline.baseDirectory),
            maxParallel: options.maxParallel ?? prepared.plan.pipeline.settings.maxParallel, failFast: options.failFast,
            replacingPaidWork: options.status.force || !options.status.forceStages.isEmpty,
            backoffScale: options.backoffScale, startedAt: startedAt)
        var summary = await Scheduler(
            plan: prepared.plan, dispositions: prepared.dispositions, executors: executors, store: store,
            observer: observer,
            configuration: configuration
        ).run()
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
        observer.observe(.runFinished(summary))
        return summary
    }

    /// Refuses the run when the account cannot pay for it: the balance is read once, before the
    /// first create. A balance that cannot be read is reported and the run goes on (the API
    /// refuses a create it cannot charge, so nothing is overspent).
    private func checkBalance(needed: Int, options: RunOptions) async throws {
        guard needed > 0, let readBalance = options.readBalance else { return }
        let balance: Int
        do {
            balance = try await readBalance()
        } catch {
            observer.observe(.warning("could not read the account's balance (\(error)); going on without the check"))
            return
        }
        if needed > balance { throw EngineError.insufficientBalance(needed: needed, balance: balance) }
    }

    private func acquireLock(path: String, schedule: Schedule?, override: Double?) async throws -> RunLock {
        do {
            switch schedule?.overlap ?? .skip {
            case .skip:
                return try RunLock.acquire(path: path)
            case .wait:
                let seconds = override ?? schedule?.waitTimeout ?? Schedule.defaultWaitTimeout
                return try await RunLock.wait(path: path, timeout: .milliseconds(Int64(seconds * 1000)))
            }
        } catch RunLockError.held(let holder, let file) {
            throw EngineError.lockHeld(holder: holder, lockFile: file)
        } catch RunLockError.timedOut(let holder, _) {
            throw EngineError.lockWaitTimedOut(holder: holder, seconds: override ?? schedule?.waitTimeout ?? 0)
        }
    }

    /// A sortable, unique run id: `20261125T061500Z-3f9a2c`.
    public static func newRunID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return formatter.string(from: date) + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return PathText.normalized(path) ?? path }
        return PathText.normalized(PathText.join(FileManager.default.currentDirectoryPath, path)) ?? path
    }
}
