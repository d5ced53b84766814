/// The body of `POST /v1/image-to-video` (API snapshot V-2025H2, plus the later optional fields).
public struct ImageToVideoRequest: Sendable, Equatable, Encodable {
    /// The source image: an `api-assets/…` path from an upload, or a public http(s) URL.
    public var imageFilePath: String
    /// Length of the video in seconds (1–60; each model takes its own lengths, see `VideoModelCatalog`).
    public var endSeconds: Double
    /// Output resolution; the API uses 720p when omitted.
    public var resolution: VideoResolution?
    /// A label for your own use.
    public var name: String?
    /// A text prompt for the motion.
    public var prompt: String?
    /// The generation model (`default` when omitted); a later, optional field.
    public var model: String?
    /// Whether the video has sound (the API's default is false); only some models take it.
    public var audio: Bool?
    /// The last frame: an `api-assets/…` path from an upload, or a public http(s) URL.
    public var endImageFilePath: String?

    /// Creates a request.
    public init(
        imageFilePath: String,
        endSeconds: Double,
        resolution: VideoResolution? = nil,
        name: String? = nil,
        prompt: String? = nil,
        model: String? = nil,
        audio: Bool? = nil,
        endImageFilePath: String? = nil
    ) {
        self.imageFilePath = imageFilePath
        self.endSeconds = endSeconds
        self.resolution = resolution
        self.name = name
        self.prompt = prompt
        self.model = model
        self.audio = audio
        self.endImageFilePath = endImageFilePath
    }

    private enum CodingKeys: String, CodingKey {
        case name, resolution, model, audio, style, assets
        case endSeconds = "end_seconds"
    }

    private struct Assets: Encodable {
        let imageFilePath: String
        let endImageFilePath: String?
        enum CodingKeys: String, CodingKey {
            case imageFilePath = "image_file_path"
            case endImageFilePath = "end_image_file_path"
        }
    }

    private struct Style: Encodable {
        let prompt: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(endSeconds, forKey: .endSeconds)
        try container.encodeIfPresent(resolution?.rawValue, forKey: .resolution)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encodeIfPresent(audio, forKey: .audio)
        if let prompt { try container.encode(Style(prompt: prompt), forKey: .style) }
        try container.encode(Assets(imageFilePath: imageFilePath, endImageFilePath: endImageFilePath), forKey: .assets)
    }
}
