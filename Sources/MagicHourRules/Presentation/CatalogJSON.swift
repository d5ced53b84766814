import Foundation

/// The model catalog as JSON (`pipeline models --format json`), keys sorted.
public enum CatalogJSON {
    struct Document: Encodable {
        var asOf: String
        var sources: [Source]
        var models: [Model]
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of"
            case sources, models
        }
    }

    struct Source: Encodable {
        var date: String
        var reference: String
    }

    struct Price: Encodable {
        var creditsPerSecond: Int
        /// Absent when the price with audio is not published.
        var audioCreditsPerSecond: Int?
        enum CodingKeys: String, CodingKey {
            case creditsPerSecond = "credits_per_second"
            case audioCreditsPerSecond = "audio_credits_per_second"
        }
    }

    struct Model: Encodable {
        var id: String
        var summary: String
        var resolutions: [String]
        var durations: String
        var durationsByResolution: [String: String]
        /// Every accepted whole second, or absent when fractions are accepted (then min/max).
        var seconds: [Int]?
        var minimumSeconds: Double
        var maximumSeconds: Double
        var audio: String
        var endImageResolutions: [String]
        var endImageMaximumSeconds: Double?
        /// By resolution; a rendered resolution missing here is unpriced.
        var prices: [String: Price]
        var unpricedResolutions: [String]
        var legacyMapsTo: String?
        var legacyNote: String?
        var serverChoice: Bool
        /// For `default`: the model of paid tiers (`paid`) and of the free tier (`free`).
        var serverChoiceModels: [String: String]?
        var factsDate: String
        var factsSource: String
        enum CodingKeys: String, CodingKey {
            case id, summary, resolutions, durations, seconds, audio, prices
            case durationsByResolution = "durations_by_resolution"
            case minimumSeconds = "minimum_seconds"
            case maximumSeconds = "maximum_seconds"
            case endImageResolutions = "end_image_resolutions"
            case endImageMaximumSeconds = "end_image_maximum_seconds"
            case unpricedResolutions = "unpriced_resolutions"
            case legacyMapsTo = "legacy_maps_to"
            case legacyNote = "legacy_note"
            case serverChoice = "server_choice"
            case serverChoiceModels = "server_choice_models"
            case factsDate = "facts_date"
            case factsSource = "facts_source"
        }
    }

    /// The catalog, pretty-printed with sorted keys.
    public static func text(models: [VideoModel] = VideoModelCatalog.models) throws -> String {
        let document = Document(
            asOf: VideoModelCatalog.asOf,
            sources: VideoModelCatalog.sources.map { Source(date: $0.date, reference: $0.reference) },
            models: models.map(model))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    private static func model(_ model: VideoModel) -> Model {
        Model(
            id: model.id, summary: model.summary, resolutions: model.resolutions.map(\.rawValue),
            durations: model.durations.text,
            durationsByResolution: Dictionary(
                uniqueKeysWithValues: model.durationsByResolution.map { ($0.key.rawValue, $0.value.text) }),
            seconds: model.durations.wholeValues, minimumSeconds: model.durations.minimum,
            maximumSeconds: model.durations.maximum, audio: model.audio.rawValue,
            endImageResolutions: model.endImage.resolutions.map(\.rawValue),
            endImageMaximumSeconds: model.endImage.maximumSeconds,
            prices: Dictionary(
                uniqueKeysWithValues: model.prices.map {
                    (
                        $0.key.rawValue,
                        Price(
                            creditsPerSecond: $0.value.creditsPerSecond,
                            audioCreditsPerSecond: $0.value.audioCreditsPerSecond)
                    )
                }),
            unpricedResolutions: model.resolutions.filter { model.prices[$0] == nil }.map(\.rawValue),
            legacyMapsTo: model.legacy?.mapsTo, legacyNote: model.legacy?.note, serverChoice: model.isServerChoice,
            serverChoiceModels: model.serverChoice.map { ["paid": $0.paidTiers, "free": $0.freeTier] },
            factsDate: model.source.date, factsSource: model.source.reference)
    }
}
