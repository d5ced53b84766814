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

    public init(
        model: String? = nil, endSeconds: Double? = nil, resolution: VideoResolution? = nil, audio: Bool? = nil,
        hasEndImage: Bool = false
    ) {
        self.model = model
        self.endSeconds = endSeconds
        self.resolution = resolution
        self.audio = audio
        self.hasEndImage = hasEndImage
    }

    /// The model's name, `default` when none is set.
    public var modelID: String { model ?? VideoModelCatalog.defaultModelID }

    /// The resolution the API renders at.
    public var effectiveResolution: VideoResolution { resolution ?? .default }
}
