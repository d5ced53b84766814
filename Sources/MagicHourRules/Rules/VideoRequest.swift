/// The rule-relevant fields of one image-to-video request, as the validator, the planner and the
/// fake know them. A field that is not set (or not known yet) is `nil`.
public struct VideoRequest: Sendable, Hashable {
    /// `model`; `nil` means the API's `default`.
    public var model: String?
    public var endSeconds: Double?
    /// `resolution`; `nil` means the API's default (720p).
    public var resolution: VideoResolution?
    public var audio: Bool?
    public var hasEndImage: Bool
    /// The account's tier, when known: what `default` and an unset resolution mean.
    public var tier: AccountTier?

    public init(
        model: String? = nil, endSeconds: Double? = nil, resolution: VideoResolution? = nil, audio: Bool? = nil,
        hasEndImage: Bool = false, tier: AccountTier? = nil
    ) {
        self.model = model
        self.endSeconds = endSeconds
        self.resolution = resolution
        self.audio = audio
        self.hasEndImage = hasEndImage
        self.tier = tier
    }

    /// The model's name, `default` when none is set.
    public var modelID: String { model ?? VideoModelCatalog.defaultModelID }

    /// The resolution the API renders at: 720p when none is set (480p on the free tier).
    public var effectiveResolution: VideoResolution { resolution ?? tier?.defaultResolution ?? .default }

    /// The model the request renders with: the named one, or for `default` the tier's (a paid
    /// tier's when the tier is not known); `nil` for an unknown name.
    public var resolvedModel: VideoModel? {
        VideoModelCatalog[id: modelID].map { VideoModelCatalog.resolved($0, tier: tier) }
    }
}
