/// One `model` value of `POST /v1/image-to-video`: what it renders and what it costs.
public struct VideoModel: Sendable, Hashable, Identifiable {
    /// The API's name for the model (`kling-3.0`, `default`, …).
    public var id: String
    /// One line on what the model is for.
    public var summary: String
    /// The resolutions it renders, lowest first.
    public var resolutions: [VideoResolution]
    /// The lengths it renders.
    public var durations: DurationRule
    /// Stricter lengths at some resolutions (none today; the January `default` had 480p only 5 or 10 s).
    public var durationsByResolution: [VideoResolution: DurationRule]
    public var audio: AudioSupport
    public var endImage: EndImageSupport
    /// Credits per second by resolution; a resolution without an entry is unpriced (never 0).
    public var prices: [VideoResolution: ResolutionPrice]
    /// Set for names the API routes to another model.
    public var legacy: LegacyAlias?
    /// Set when the server picks the model (`default`): which model each tier gets. The entry's
    /// own facts are then the paid tiers' model's, for tables; requests are checked against
    /// ``VideoModelCatalog/resolved(_:tier:)``.
    public var serverChoice: ServerChoice?
    public var source: FactSource

    public init(
        _ id: String, _ summary: String, resolutions: [VideoResolution], durations: DurationRule,
        durationsByResolution: [VideoResolution: DurationRule] = [:], audio: AudioSupport,
        endImage: EndImageSupport, prices: [VideoResolution: ResolutionPrice], legacy: LegacyAlias? = nil,
        serverChoice: ServerChoice? = nil, source: FactSource
    ) {
        self.id = id
        self.summary = summary
        self.resolutions = resolutions.sorted()
        self.durations = durations
        self.durationsByResolution = durationsByResolution
        self.audio = audio
        self.endImage = endImage
        self.prices = prices
        self.legacy = legacy
        self.serverChoice = serverChoice
        self.source = source
    }

    /// The lengths accepted at `resolution`.
    public func durations(at resolution: VideoResolution) -> DurationRule {
        durationsByResolution[resolution] ?? durations
    }

    /// Whether the model renders `seconds` at `resolution` (the resolution must be one of its own).
    public func accepts(seconds: Double, at resolution: VideoResolution) -> Bool {
        resolutions.contains(resolution) && durations(at: resolution).accepts(seconds)
    }

    /// Whether the model renders `seconds` at any of its resolutions.
    public func accepts(seconds: Double) -> Bool {
        resolutions.contains { durations(at: $0).accepts(seconds) }
    }

    /// Whether the server picks the model (`default`: it changes over time and by tier).
    public var isServerChoice: Bool { serverChoice != nil }

    /// Whether `audio: true` is a valid request.
    public var takesAudio: Bool { audio != .none }

    /// Whether audio is on for a request that sets `audio` to `requested` (nil: not set).
    public func hasAudio(requested: Bool?) -> Bool {
        switch audio {
        case .none: false
        case .optional: requested ?? false
        case .always: true
        }
    }

    /// Credits a video costs, rounded up; `nil` when no price is published for it.
    public func credits(seconds: Double, resolution: VideoResolution, audio: Bool) -> Int? {
        guard let perSecond = prices[resolution]?.perSecond(audio: audio) else { return nil }
        return Int((seconds * Double(perSecond)).rounded(.up))
    }

    /// Whether at least one resolution has a published price.
    public var isPriced: Bool { !prices.isEmpty }

    /// A copy under a name the server resolves per tier (`default`), with this model's facts.
    func serving(as name: String, _ choice: ServerChoice, summary: String) -> VideoModel {
        var entry = self
        entry.id = name
        entry.summary = summary
        entry.serverChoice = choice
        return entry
    }

    /// A copy under a legacy name, routed to this model.
    func aliased(
        as name: String, note: String, audio: AudioSupport? = nil, priced: Bool, source: FactSource
    ) -> VideoModel {
        var alias = self
        alias.id = name
        alias.summary = "legacy name, routed to \(id)" + (audio == .always ? " with audio" : "")
        alias.legacy = LegacyAlias(mapsTo: id, note: note)
        if let audio { alias.audio = audio }
        if !priced { alias.prices = [:] }
        alias.source = source
        return alias
    }
}
