import MagicHourRules

extension PipelineDecoder {
    /// `settings.prices`: for each model, credits per second by resolution, either a whole number
    /// (`480p: 20`) or `{ per_second: 40, audio_per_second: 10 }`. Each error is at the key or
    /// value it is about.
    mutating func decodePrices(_ node: SyntaxNode) -> PriceOverrides {
        guard let pairs = mapping(node, "prices") else { return .none }
        var overrides = PriceOverrides()
        for pair in pairs {
            guard let model = priceableModel(pair) else { continue }
            guard let resolutions = mapping(pair.value, "prices.\(pair.key)") else { continue }
            if resolutions.isEmpty {
                sink.error(
                    .invalidValue, at: pair.value.location, "'prices.\(pair.key)' names no resolution",
                    hint: "for example \(pair.key): { \(model.resolutions[0].rawValue): 20 }")
                continue
            }
            var prices: [VideoResolution: ResolutionPrice] = [:]
            for entry in resolutions {
                guard let resolution = priceResolution(entry, of: model),
                    let price = resolutionPrice(entry.value, model: model, "prices.\(pair.key).\(entry.key)")
                else { continue }
                prices[resolution] = price
            }
            if !prices.isEmpty { overrides.byModel[model.id] = prices }
        }
        return overrides
    }

    /// The catalog's model a `prices` key names; `nil` (and an error) for an unknown name or
    /// `default`, whose price is the price of the model it resolves to.
    private mutating func priceableModel(_ pair: SyntaxNode.Pair) -> VideoModel? {
        guard let model = VideoModelCatalog[id: pair.key] else {
            sink.error(
                .unknownKey, at: pair.keyLocation, "unknown model '\(pair.key)' in prices",
                hint: Suggestion.didYouMean(pair.key, among: VideoModelCatalog.ids)
                    ?? "models: " + VideoModelCatalog.ids.joined(separator: ", "))
            return nil
        }
        if let choice = model.serverChoice {
            sink.error(
                .invalidValue, at: pair.keyLocation,
                "'\(pair.key)' is the server's choice and has no price of its own",
                hint: "price the model it resolves to: \(choice.paidTiers) on paid tiers, \(choice.freeTier) on free")
            return nil
        }
        return model
    }

    /// The resolution a price entry names; `nil` (and an error) when there is no such resolution
    /// or the model does not render it.
    private mutating func priceResolution(_ entry: SyntaxNode.Pair, of model: VideoModel) -> VideoResolution? {
        let names = VideoResolution.allCases.map(\.rawValue)
        guard let resolution = VideoResolution(rawValue: entry.key) else {
            sink.error(
                .unknownKey, at: entry.keyLocation, "unknown resolution '\(entry.key)' in prices.\(model.id)",
                hint: Suggestion.didYouMean(entry.key, among: names) ?? "resolutions: " + names.joined(separator: ", "))
            return nil
        }
        guard model.resolutions.contains(resolution) else {
            let rendered = model.resolutions.map(\.rawValue).joined(separator: ", ")
            sink.error(
                .invalidValue, at: entry.keyLocation, "\(model.id) renders \(rendered), not \(entry.key)",
                hint: "price one of \(rendered)")
            return nil
        }
        return resolution
    }

    /// `20` or `{ per_second: 40, audio_per_second: 10 }`.
    private mutating func resolutionPrice(_ node: SyntaxNode, model: VideoModel, _ what: String) -> ResolutionPrice? {
        guard let fields = node.pairs else {
            return rate(node, what, minimum: 1).map { ResolutionPrice($0) }
        }
        checkKeys(fields, allowed: LanguageKeys.price, in: what)
        guard let perSecond = node["per_second"] else {
            sink.error(
                .missingKey, at: node.location, "'\(what)' has no 'per_second'",
                hint: "credits per second without audio, e.g. { per_second: 40, audio_per_second: 10 }")
            return nil
        }
        let base = rate(perSecond, "\(what).per_second", minimum: 1)
        var audio = 0
        if let audioNode = node["audio_per_second"] {
            guard model.takesAudio else {
                sink.error(
                    .invalidValue, at: audioNode.location, "\(model.id) has no audio: 'audio_per_second' never applies",
                    hint: "remove audio_per_second")
                return nil
            }
            guard let extra = rate(audioNode, "\(what).audio_per_second", minimum: 0) else { return nil }
            audio = extra
        }
        return base.map { ResolutionPrice($0, audio: audio) }
    }

    /// Whole credits per second from `minimum` to ``PriceOverrides/maximumCreditsPerSecond``.
    private mutating func rate(_ node: SyntaxNode, _ what: String, minimum: Int) -> Int? {
        guard let number = integer(node, what) else { return nil }
        let maximum = PriceOverrides.maximumCreditsPerSecond
        guard (minimum...maximum).contains(number) else {
            sink.error(
                .invalidValue, at: node.location,
                "'\(what)' must be from \(minimum) to \(maximum) credits per second, got \(number)")
            return nil
        }
        return number
    }
}
