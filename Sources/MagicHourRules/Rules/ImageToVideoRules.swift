/// The per-model rules and prices of `POST /v1/image-to-video`, read from `VideoModelCatalog`, so
/// that the pipeline validator, the planner and the fake server all apply the same facts.
public enum ImageToVideoRules {
    /// Shortest `end_seconds` any model accepts (the API schema's minimum).
    public static let minimumSeconds: Double = 1
    /// Longest `end_seconds` any model accepts (the API schema's maximum).
    public static let maximumSeconds: Double = 60

    /// Every rule `request` breaks, field by field; empty when the API accepts it. Fields that are
    /// not known (`nil`) are not checked.
    public static func violations(_ request: VideoRequest) -> [RuleViolation] {
        guard let named = VideoModelCatalog[id: request.modelID], let model = request.resolvedModel else {
            return [
                RuleViolation(
                    .model, "unknown model '\(request.modelID)'",
                    hint: "models: " + VideoModelCatalog.ids.joined(separator: ", "))
            ]
        }
        // `default (kling-3.0 on paid tiers) takes 3–15 s`: the rules are the resolved model's.
        let name = named.id != model.id ? "\(named.id) (\(model.id) on \(tierText(request.tier)))" : model.id
        var found: [RuleViolation] = []
        let resolution = request.effectiveResolution
        let resolutionFits = model.resolutions.contains(resolution)
        if !resolutionFits {
            let named = request.resolution == nil ? "\(resolution.rawValue) (the default)" : resolution.rawValue
            found.append(
                RuleViolation(
                    .resolution, "\(name) renders \(list(model.resolutions)), not \(named)",
                    hint: "\(resolution.rawValue) needs "
                        + names(
                            VideoModelCatalog.pinnable.filter {
                                $0.resolutions.contains(resolution)
                            })))
        }
        if let seconds = request.endSeconds {
            let rule = resolutionFits ? model.durations(at: resolution) : model.durations
            if !rule.accepts(seconds) {
                let atResolution = model.durationsByResolution[resolution] != nil ? " at \(resolution.rawValue)" : ""
                let alternatives = VideoModelCatalog.pinnable.filter { $0.accepts(seconds: seconds, at: resolution) }
                let asked = "\(SecondsFormat.format(seconds)) s at \(resolution.rawValue)"
                found.append(
                    RuleViolation(
                        .endSeconds,
                        "\(name) takes \(rule.text) s\(atResolution), got \(SecondsFormat.format(seconds))",
                        hint: alternatives.isEmpty
                            ? "no model renders \(asked)" : "\(asked) needs \(names(alternatives))"))
            }
        }
        if let audio = request.audio {
            if audio, model.audio == .none {
                found.append(
                    RuleViolation(
                        .audio, "\(name) has no audio",
                        hint: "audio needs " + names(VideoModelCatalog.pinnable.filter(\.takesAudio))))
            } else if !audio, model.audio == .always {
                found.append(
                    RuleViolation(
                        .audio, "\(name) always has audio",
                        hint: "use model \(model.legacy?.mapsTo ?? model.id) with audio: false"))
            }
        }
        if request.hasEndImage {
            let support = model.endImage
            let byResolution = VideoModelCatalog.pinnable.filter { $0.endImage.resolutions.contains(resolution) }
            if !support.isSupported {
                found.append(
                    RuleViolation(
                        .endImage,
                        "\(name) takes no end image",
                        hint: "an end image at \(resolution.rawValue) needs \(names(byResolution))"))
            } else if !support.resolutions.contains(resolution) {
                found.append(
                    RuleViolation(
                        .endImage,
                        "\(name) takes an end image only at \(list(support.resolutions)), not \(resolution.rawValue)",
                        hint: "an end image at \(resolution.rawValue) needs \(names(byResolution))"))
            } else if let limit = support.maximumSeconds, let seconds = request.endSeconds, seconds > limit {
                found.append(
                    RuleViolation(
                        .endImage,
                        "\(name) takes an end image only up to \(SecondsFormat.format(limit)) s, got \(SecondsFormat.format(seconds))",
                        hint: "use end_seconds \(SecondsFormat.format(limit)) or less, or drop end_image"))
            }
        }
        return found
    }

    /// Credits charged at creation; `nil` when the model publishes no price for the request.
    /// `default` is priced as the model the tier gets.
    public static func credits(_ request: VideoRequest) -> Int? {
        cost(request)?.credits
    }

    /// Credits the request costs with `prices` over the catalog's (an override of the model
    /// `default` resolves to applies to `default` too), and whose price that is; `nil` when
    /// neither prices the request.
    public static func cost(_ request: VideoRequest, prices: PriceOverrides = .none) -> PricedCredits? {
        guard let model = request.resolvedModel, let seconds = request.endSeconds,
            let (price, source) = prices.price(of: model, at: request.effectiveResolution),
            let perSecond = price.perSecond(audio: model.hasAudio(requested: request.audio))
        else { return nil }
        return PricedCredits(Int((seconds * Double(perSecond)).rounded(.up)), source: source)
    }

    /// `paid tiers`, or `the free tier`.
    private static func tierText(_ tier: AccountTier?) -> String {
        switch tier {
        case nil: "paid tiers"
        case .free?: "the free tier"
        case let paid?: "the \(paid.rawValue) tier"
        }
    }

    private static func list(_ resolutions: [VideoResolution]) -> String {
        resolutions.map(\.rawValue).joined(separator: ", ")
    }

    private static func names(_ models: [VideoModel]) -> String {
        models.isEmpty ? "no current model" : models.map(\.id).joined(separator: ", ")
    }
}
