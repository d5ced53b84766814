import MagicHourRules

/// A kind of stage (`uses:`): its parameters, outputs, rules and cost, declared in one place so
/// the validator, the planner, the JSON Schema and the docs all read the same table.
public struct StageType: Sendable {
    /// What a stage's tasks mostly wait on; the engine gives each its own concurrency budget.
    public enum Workload: String, Sendable {
        case cpu
        case remote
        case io
    }

    public var name: String
    /// Bumped when the stage's results change for the same parameters; part of every cache key.
    public var version: Int
    public var summary: String
    public var parameters: [ParameterSpec]
    public var outputs: [OutputSpec]
    /// Whether tasks spend Magic Hour credits.
    public var isPaid: Bool
    public var workload: Workload
    /// Seconds one attempt may take unless the stage sets `timeout:`.
    public var defaultTimeout: Double
    /// Whether the stage needs `for_each` over an upstream stage (download, rename).
    public var requiresUpstream: Bool
    /// Whether tasks call the Magic Hour API (and so need its key), paid or not.
    public var callsMagicHour: Bool = false
    /// Cross-parameter rules over resolved parameters; values not known until run time are absent.
    /// They read the account's tier (what `default` means) from the context.
    let rules: @Sendable ([String: Value], RuleContext) -> [(parameter: String, problem: ParameterProblem)]
    /// Credits one task costs and whose price they use, given its resolved parameters, the
    /// account's tier and `settings.prices`; `nil` when no price is published or given.
    /// `MediaFacts` are the timed input's length and frame rate, when the plan knows them.
    let cost: @Sendable ([String: Value], AccountTier?, PriceOverrides, MediaFacts) -> PricedCredits?
    /// The file a task will write, known at plan time, if the stage writes one.
    let plannedPath: @Sendable (OutputNaming) -> String?
    /// The generation endpoint the stage drives (its fields, project kind and price), for the
    /// stage types made from ``EndpointCatalog``; `nil` for the others.
    public var endpoint: GenerationEndpoint? = nil
    /// The extension of the file a download of its project writes: `mp4` for video projects.
    public var downloadExtension: String {
        guard let endpoint else { return "mp4" }
        return endpoint.outputExtension
    }

    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }

    public func output(named name: String) -> OutputSpec? {
        outputs.first { $0.name == name }
    }

    /// Problems with a task's resolved parameters beyond each parameter's own kind.
    /// - Parameters:
    ///   - tier: the account's tier, when known (what `default` means).
    ///   - scheduled: whether the pipeline runs unattended (`schedule:`).
    public func problems(
        in parameters: [String: Value], tier: AccountTier? = nil, scheduled: Bool = false
    ) -> [(parameter: String, problem: ParameterProblem)] {
        rules(parameters, RuleContext(tier: tier, isScheduled: scheduled))
    }

    /// Credits a task with these parameters costs on `tier` with `prices` over the catalog's (0 for
    /// local stages); `nil` when unpriced.
    public func credits(
        for parameters: [String: Value], tier: AccountTier? = nil, prices: PriceOverrides = .none,
        input: MediaFacts = .unknown
    ) -> Int? {
        price(for: parameters, tier: tier, prices: prices, input: input)?.credits
    }

    /// ``credits(for:tier:prices:)`` with where the price comes from (the catalog for local stages).
    public func price(
        for parameters: [String: Value], tier: AccountTier? = nil, prices: PriceOverrides = .none,
        input: MediaFacts = .unknown
    ) -> PricedCredits? {
        isPaid ? cost(parameters, tier, prices, input) : PricedCredits(0, source: .catalog)
    }

    /// Where a task writes its file, when the stage writes one.
    public func plannedOutputPath(_ naming: OutputNaming) -> String? {
        plannedPath(naming)
    }
}

/// What a stage type needs to name the file a task writes.
public struct OutputNaming: Sendable {
    public var stageName: String
    /// A short hash of the task id: unique per task, stable across runs.
    public var taskTag: String
    /// The source file's stem, carried through the item's lineage.
    public var stem: String
    public var matrix: [(key: String, value: Value)]
    public var parameters: [String: Value]
    public var settings: Settings
    /// `<output_dir>/.work/<stage>`, worked out once per stage.
    var workFolder: String
    /// The extension of what the upstream stage's project downloads (`mp4` unless it makes images
    /// or audio).
    public var upstreamExtension: String = "mp4"

    /// `<output_dir>/.work/<stage>/<file>`
    public func workPath(_ file: String) -> String {
        PathText.join(workFolder, file)
    }
}
