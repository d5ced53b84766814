import MagicHourRules

/// `magic_hour.image_to_video`'s rules and price, from the catalog of MagicHourRules.
enum ImageToVideoStage {
    /// The catalog's request fields from a task's resolved parameters (absent when not known).
    static func request(_ parameters: [String: Value], tier: AccountTier?) -> VideoRequest {
        VideoRequest(
            model: parameters["model"]?.stringValue,
            endSeconds: parameters["end_seconds"]?.numberValue,
            resolution: parameters["resolution"]?.stringValue.flatMap(VideoResolution.init(rawValue:)),
            audio: boolean(parameters["audio"]),
            hasEndImage: parameters["end_image"] != nil, tier: tier)
    }

    private static func boolean(_ value: Value?) -> Bool? {
        if case .bool(let on) = value { return on }
        return nil
    }

    static func problems(
        in parameters: [String: Value], context: RuleContext
    ) -> [(parameter: String, problem: ParameterProblem)] {
        var problems: [(parameter: String, problem: ParameterProblem)] = ImageToVideoRules.violations(
            request(parameters, tier: context.tier)
        ).map { violation in
            (violation.field.rawValue, ParameterProblem(violation.message, hint: violation.hint, code: .magicHourRule))
        }
        let model = parameters["model"]?.stringValue
        if model == nil || model == VideoModelCatalog.defaultModelID {
            problems.append(("model", unpinned(named: model != nil, context: context)))
        }
        return problems
    }

    /// The warning for a task that leaves the model to the server: what `default` is today, and
    /// that a pipeline run unattended should pin one.
    static func unpinned(named: Bool, context: RuleContext) -> ParameterProblem {
        let choice = VideoModelCatalog.serverDefault
        let today =
            context.tier.map { "\(choice.modelID(for: $0)) on the \($0.rawValue) tier" }
            ?? "\(choice.paidTiers) on paid tiers, \(choice.freeTier) on free"
        let what =
            named
            ? "model 'default' is the server's choice (today \(today)) and changes over time"
            : "no 'model': Magic Hour uses 'default' (today \(today)), whose model, rules and price change over time"
        let pinned = VideoModelCatalog.pinnable.map(\.id).joined(separator: ", ")
        let unattended =
            context.isScheduled
            ? "this pipeline runs on a schedule: pin a model so that a nightly run keeps its model, rules and price"
            : "pin a model, above all for a nightly (scheduled) pipeline"
        return ParameterProblem(
            what, hint: "\(unattended) (see `pipeline models`): \(pinned)", code: .unpinnedModel, severity: .warning)
    }

    /// Credits on `tier`, from `prices` or else the catalog; `nil` when neither prices the task.
    static func cost(for parameters: [String: Value], tier: AccountTier?, prices: PriceOverrides) -> PricedCredits? {
        ImageToVideoRules.cost(request(parameters, tier: tier), prices: prices)
    }
}
