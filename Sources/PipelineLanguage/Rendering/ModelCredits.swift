import MagicHourRules

/// A plan's paid tasks by Magic Hour model: how many, and the credits they are estimated at.
public struct ModelCredits: Sendable, Equatable {
    /// The model as the file names it (`default` when unset).
    public var model: String
    /// The model it renders with on the plan's tier (differs for `default`).
    public var resolved: String
    public var tasks: Int
    public var credits: Int
    public var unpricedTasks: Int
    /// Tasks priced by `settings.prices` rather than the catalog.
    public var settingsPricedTasks = 0

    /// One row per model, in order of first use.
    public static func rows(_ plan: Plan) -> [ModelCredits] {
        var rows: [ModelCredits] = []
        var positions: [String: Int] = [:]
        let hasPrices = !plan.pipeline.settings.prices.isEmpty
        // Read in place: a task is copied only to ask whose price it uses, when settings has prices.
        for index in plan.tasks.indices where plan.tasks[index].typeName == StageType.imageToVideo.name {
            let model = plan.tasks[index].parameters["model"]?.stringValue ?? VideoModelCatalog.defaultModelID
            let resolved =
                VideoModelCatalog[id: model].map { VideoModelCatalog.resolved($0, tier: plan.tier).id } ?? model
            let position =
                positions[model]
                ?? {
                    rows.append(ModelCredits(model: model, resolved: resolved, tasks: 0, credits: 0, unpricedTasks: 0))
                    positions[model] = rows.count - 1
                    return rows.count - 1
                }()
            rows[position].tasks += 1
            rows[position].credits += plan.tasks[index].credits
            if plan.tasks[index].isUnpriced { rows[position].unpricedTasks += 1 }
            if hasPrices, priceSource(of: plan.tasks[index], in: plan) == .settings {
                rows[position].settingsPricedTasks += 1
            }
        }
        return rows
    }

    /// Whose price a paid task's estimate uses; `nil` for local and unpriced tasks.
    public static func priceSource(of task: PlannedTask, in plan: Plan) -> PriceSource? {
        guard task.typeName == StageType.imageToVideo.name, !task.isUnpriced else { return nil }
        let prices = plan.pipeline.settings.prices
        guard !prices.isEmpty else { return .catalog }
        return ImageToVideoStage.cost(for: task.parameters.dictionary, tier: plan.tier, prices: prices)?.source
    }

    /// `kling-3.0`, or `default (kling-3.0 on paid tiers)`.
    public var label: String {
        model == resolved ? model : "\(model) (= \(resolved))"
    }
}
