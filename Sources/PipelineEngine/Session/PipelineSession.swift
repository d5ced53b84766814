import Foundation
import MagicHourRules
import PipelineBasics
import PipelineLanguage
import PipelineStore

/// A pipeline file read once for a command: its validated pipeline and its plan without cache
/// keys, the options the command was given, and where its state lives. `run`, `plan`,
/// `status` and `report` build one and hand it (with an open store) to the engine; nothing
/// parses the file again.
public struct PipelineSession: Sendable {
    /// The pipeline file, absolute.
    public let file: String
    /// What the command asked for (set `readBalance` once the client exists; the rest was read at init).
    public var options: RunOptions
    /// The validated, planned compilation (cache keys are computed by ``prepare(store:runID:saveFingerprints:)``,
    /// unless the session was made `withCacheKeys`).
    public let compilation: Compilation
    /// Whether `compilation` has the cache keys of `plan` (run id `<run>`, files hashed as read),
    /// which ``prepare(store:runID:saveFingerprints:)`` then uses instead of planning again.
    public let hasCacheKeys: Bool
    /// Where the state store is: `options.statePath`, else `settings.state`.
    public let state: StateLocation
    /// ``UpToDateKey`` of a run of this session (`nil`: such a run is never vouched for).
    public let upToDateKey: String?
    /// The environment and tier `compilation` was planned with, and when: while `options` still
    /// has them and the plan is fresh, ``prepare(store:runID:saveFingerprints:)`` keys its tasks
    /// instead of planning again.
    private let plannedEnvironment: [String: String]
    private let plannedTier: AccountTier?
    private let plannedAt: ContinuousClock.Instant

    /// How old the session's plan may be for `prepare` to key it rather than plan again. Files
    /// that globs match, `if:`s on them and media lengths (credits) are read when planning: a
    /// run that waited for the pipeline's lock (`overlap: wait`), or for a worker's join, plans
    /// again and sees the files as they are now.
    static let planReuseWindow: Duration = .seconds(1)

    /// Plans `decoded` (what ``PipelineCompiler/decode(file:)`` gave for `file`) with `options`.
    /// - Parameter withCacheKeys: plan with cache keys now, for a command that only reads
    ///   (`plan`): its ``prepare(store:runID:saveFingerprints:)`` then plans nothing again.
    /// - Throws: ``EngineError/invalidPipeline(_:)`` when the file has errors.
    public init(decoded: Compilation, options: RunOptions, withCacheKeys: Bool = false) throws(EngineError) {
        let compilation = PipelineCompiler().plan(
            decoded,
            options: PlanOptions(
                computeCacheKeys: withCacheKeys, environment: options.environment, runID: Self.readOnlyRunID,
                tier: options.tier))
        hasCacheKeys = withCacheKeys
        plannedEnvironment = options.environment
        plannedTier = options.tier
        plannedAt = ContinuousClock.now
        guard let pipeline = compilation.pipeline, compilation.plan != nil, !compilation.hasErrors else {
            throw EngineError.invalidPipeline(compilation)
        }
        self.file = PathText.absolute(compilation.source.path)
        var options = options
        if let scale = RunOptions.backoffScale(in: options.environment) { options.backoffScale = scale }
        self.options = options
        self.compilation = compilation
        state = Self.state(of: pipeline, statePath: options.statePath)
        upToDateKey = UpToDateKey.make(decoded: compilation, options: options)
    }

    /// Where `pipeline`'s state store is: `statePath` (`--state`, relative to the current
    /// folder), else `settings.state` (relative to the file's folder).
    public static func state(of pipeline: Pipeline, statePath: String?) -> StateLocation {
        let text = statePath ?? pipeline.settings.stateFile
        if StateLocation.isConnectionString(text) { return .postgres(url: text) }
        let base = statePath == nil ? PathText.absolute(pipeline.baseDirectory) : PathText.absolute(".")
        return .file(absolutePath: PathText.absolute(text, base: base))
    }

    /// Reads and plans `file` (for callers that have not decoded it).
    public init(file: String, options: RunOptions) throws(EngineError) {
        let decoded = PipelineCompiler().decode(file: file)
        if decoded.pipeline == nil || decoded.hasErrors { throw EngineError.invalidPipeline(decoded) }
        try self.init(decoded: decoded, options: options)
    }

    /// The run id a plan made for reading shows (`run.id`).
    static let readOnlyRunID = "<run>"

    public var pipeline: Pipeline { compilation.pipeline! }
    /// The plan (without cache keys unless ``hasCacheKeys``).
    public var plan: Plan { compilation.plan! }
    /// The file's warnings (a glob that matches nothing…).
    public var warnings: [Diagnostic] { compilation.diagnostics.filter { $0.severity == .warning } }
    /// Whether some task calls the Magic Hour API (and so a run needs its key).
    public var callsMagicHour: Bool {
        plan.tasks.contains { pipeline.stage(named: $0.stage)?.type.callsMagicHour ?? false }
    }

    /// Adds cache keys to the plan (the tasks planned at init, keyed, unless the pipeline reads
    /// `run.*`, the options changed since or the plan is older than ``planReuseWindow``: then it
    /// plans again) and decides each task's disposition against `store` (none yet: every task is
    /// to run).
    ///
    /// - Parameter saveFingerprints: false for `plan` and `--dry-run`, which never write.
    public func prepare(store: (any StateStore)?, runID: String, saveFingerprints: Bool) async throws -> PreparedRun {
        var digests: [String: String] = [:]
        var inputSignatures: [String: PathSignature?] = [:]
        if let store, saveFingerprints {
            let files = plan.sourceFiles
            if upToDateKey != nil {
                inputSignatures = try await Blocking.run {
                    Dictionary(uniqueKeysWithValues: files.map { ($0, PathSignature.of($0)) })
                }
            }
            digests = try await FileFingerprinter(store: store).hashes(of: files)
        }
        let known = digests
        let keyOptions = PlanOptions(
            computeCacheKeys: true, environment: options.environment, runID: runID, runDate: Date(),
            digest: { path in try known[path] ?? FileDigester().sha256(ofFileAt: path) }, tier: options.tier)
        let keyed: Compilation
        if hasCacheKeys && !saveFingerprints && runID == Self.readOnlyRunID {
            // A read-only session planned with keys already: the same plan, made once.
            keyed = compilation
        } else if options.environment == plannedEnvironment, options.tier == plannedTier,
            ContinuousClock.now - plannedAt < Self.planReuseWindow
        {
            // The tasks planned at init, keyed (planned again if the pipeline reads `run.*`, or if
            // a file went away meanwhile: then the plan says so as it would have, or drops it).
            let added = PipelineCompiler().addingCacheKeys(to: compilation, options: keyOptions)
            keyed = added.hasErrors ? PipelineCompiler().plan(compilation, options: keyOptions) : added
        } else {
            keyed = PipelineCompiler().plan(compilation, options: keyOptions)
        }
        guard let plan = keyed.plan, !keyed.hasErrors else { throw EngineError.invalidPipeline(keyed) }
        let dispositions: TaskDispositions
        if let store {
            dispositions = try await TaskStatusResolver(store: store, options: options.status)
                .dispositions(for: plan, baseDirectory: PathText.absolute(plan.pipeline.baseDirectory))
        } else {
            // By position: a task is read in place, not copied (a copy retains each of its fields).
            let status = options.status
            dispositions = TaskDispositions(plan: plan) { index in
                let forced = status.force || status.forceStages.contains(plan.tasks[index].stage)
                return .run(forced ? .forced : .newTask)
            }
        }
        var prepared = PreparedRun(
            compilation: keyed, plan: plan, dispositions: dispositions, state: state, runID: runID)
        prepared.inputSignatures = inputSignatures
        return prepared
    }
}
