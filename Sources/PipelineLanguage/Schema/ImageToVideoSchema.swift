import MagicHourRules

/// The JSON Schema's per-model rules of `magic_hour.image_to_video`, from `VideoModelCatalog`:
/// for each model, the resolutions and lengths it takes (an expression is always allowed).
/// `default` (and a task without `model`) is checked only against what every tier's model refuses:
/// the rest depends on the account's tier, which the validator knows.
enum ImageToVideoSchema {
    static func modelRules(expression: Value) -> [Value] {
        serverChoiceRules(expression: expression) + pinnedRules(expression: expression)
    }

    /// `default` (or no `model`): the resolutions no tier's model renders are refused (the rest is
    /// the validator's, which knows the tier).
    private static func serverChoiceRules(expression: Value) -> [Value] {
        VideoModelCatalog.models.compactMap { model -> Value? in
            guard let choice = model.serverChoice else { return nil }
            let tiers = [choice.paidTiers, choice.freeTier].compactMap { VideoModelCatalog[id: $0] }
            let resolutions = Set(tiers.flatMap(\.resolutions)).sorted()
            let condition: Value = .object([
                "anyOf": .list([
                    .object(["not": .object(["required": .list(["model"])])]),
                    .object(["properties": .object(["model": .object(["const": .string(model.id)])])]),
                ])
            ])
            let resolution = orExpression(
                .object(["enum": .list(resolutions.map { .string($0.rawValue) })]), expression)
            return .object([
                "if": condition, "then": .object(["properties": .object(["resolution": resolution])]),
            ])
        }
    }

    private static func pinnedRules(expression: Value) -> [Value] {
        VideoModelCatalog.models.filter { !$0.isServerChoice }.map { model in
            let condition: Value = .object([
                "required": .list(["model"]),
                "properties": .object(["model": .object(["const": .string(model.id)])]),
            ])
            var properties: [String: Value] = [
                "resolution": orExpression(
                    .object(["enum": .list(model.resolutions.map { .string($0.rawValue) })]), expression),
                "end_seconds": orExpression(seconds(model.durations), expression),
            ]
            if model.audio == .none { properties["audio"] = orExpression(.object(["const": .bool(false)]), expression) }
            if model.audio == .always {
                properties["audio"] = orExpression(.object(["const": .bool(true)]), expression)
            }
            if !model.endImage.isSupported { properties["end_image"] = .bool(false) }
            var then: [String: Value] = ["properties": .object(properties)]
            let stricter = model.durationsByResolution.sorted { $0.key < $1.key }.map { resolution, rule in
                Value.object([
                    "if": .object([
                        "required": .list(["resolution"]),
                        "properties": .object(["resolution": .object(["const": .string(resolution.rawValue)])]),
                    ]),
                    "then": .object(["properties": .object(["end_seconds": orExpression(seconds(rule), expression)])]),
                ])
            }
            if !stricter.isEmpty { then["allOf"] = .list(stricter) }
            return .object(["if": condition, "then": .object(then)])
        }
    }

    private static func seconds(_ rule: DurationRule) -> Value {
        if let values = rule.wholeValues { return .object(["enum": .list(values.map { .number(Double($0)) })]) }
        return .object(["type": "number", "minimum": .number(rule.minimum), "maximum": .number(rule.maximum)])
    }

    private static func orExpression(_ schema: Value, _ expression: Value) -> Value {
        .object(["anyOf": .list([schema, expression])])
    }
}
