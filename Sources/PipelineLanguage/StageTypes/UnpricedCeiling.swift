import MagicHourRules

/// What the budget guard reserves for a paid task whose model publishes no price, until the
/// create answer says what it charged: the highest price per second the catalog knows for the
/// task's resolution and audio (over every priced model), times its duration, rounded up. When no
/// model publishes a price at that resolution, the highest price per second at any resolution.
public enum UnpricedCeiling {
    /// The ceiling for a task of `magic_hour.image_to_video` with these resolved parameters; nil
    /// when the duration is unknown. `tier` decides what `default` means (nil: the catalog's default).
    public static func credits(parameters: [String: Value], tier: AccountTier? = nil) -> Int? {
        let request = ImageToVideoStage.request(parameters, tier: tier)
        guard let seconds = request.endSeconds else { return nil }
        let audio =
            VideoModelCatalog[id: request.modelID]?.hasAudio(requested: request.audio) ?? (request.audio ?? false)
        let rate = highestRate(at: request.effectiveResolution, audio: audio)
        return Int((seconds * Double(rate)).rounded(.up))
    }

    /// The highest credits per second of any priced model at `resolution` (with audio when
    /// `audio`), else at any resolution.
    public static func highestRate(at resolution: VideoResolution, audio: Bool) -> Int {
        let models = VideoModelCatalog.models
        func rate(_ price: ResolutionPrice) -> Int { price.perSecond(audio: audio) ?? price.creditsPerSecond }
        let here = models.compactMap { $0.prices[resolution].map(rate) }.max()
        return here ?? models.flatMap { $0.prices.values.map(rate) }.max() ?? 0
    }
}
