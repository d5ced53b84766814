import MagicHourRules

/// The JSON Schema of `settings.prices`, from `VideoModelCatalog`: each model (not `default`,
/// which has no price of its own) with the resolutions it renders, each a whole number of
/// credits per second or `{ per_second, audio_per_second }`.
enum PriceSchema {
    static func schema() -> Value {
        var models: [String: Value] = [:]
        for model in VideoModelCatalog.models where !model.isServerChoice {
            var resolutions: [String: Value] = [:]
            for resolution in model.resolutions {
                resolutions[resolution.rawValue] = price(takesAudio: model.takesAudio)
            }
            models[model.id] = .object([
                "type": "object", "additionalProperties": .bool(false), "minProperties": .number(1),
                "properties": .object(resolutions),
                "description": .string("credits per second of \(model.id) by resolution"),
            ])
        }
        return .object([
            "type": "object", "additionalProperties": .bool(false), "properties": .object(models),
            "description": .string(LanguageKeys.settings.first { $0.key == "prices" }?.summary ?? ""),
        ])
    }

    private static func price(takesAudio: Bool) -> Value {
        var fields: [String: Value] = [
            "per_second": rate(minimum: 1, LanguageKeys.price[0].summary)
        ]
        if takesAudio { fields["audio_per_second"] = rate(minimum: 0, LanguageKeys.price[1].summary) }
        return .object([
            "anyOf": .list([
                rate(minimum: 1, "credits per second, sound included"),
                .object([
                    "type": "object", "additionalProperties": .bool(false), "required": .list(["per_second"]),
                    "properties": .object(fields),
                ]),
            ])
        ])
    }

    private static func rate(minimum: Int, _ description: String) -> Value {
        .object([
            "type": "integer", "minimum": .number(Double(minimum)),
            "maximum": .number(Double(PriceOverrides.maximumCreditsPerSecond)),
            "description": .string(description),
        ])
    }
}
