public import Foundation
public import MagicHourRules

/// A project as `GET /v1/video-projects/{id}`, `/v1/image-projects/{id}` or
/// `/v1/audio-projects/{id}` returns it. Fields a kind does not have (an image's frame rate) keep
/// their defaults.
public struct Project: Sendable, Equatable, Decodable {
    /// Project id.
    public var id: String
    /// Which of the three project kinds it is (where it was fetched from).
    public var kind: ProjectKind = .video
    /// The name given at creation, if any.
    public var name: String?
    /// Where the project is in its life.
    public var status: ProjectStatus
    /// Project type, e.g. `IMAGE_TO_VIDEO`, `AI_IMAGE`, `VOICE_GENERATOR`.
    public var type: String
    /// Creation time.
    public var createdAt: Date
    /// Output width (-1: ignore or not a video).
    public var width: Int
    /// Output height (-1: ignore or not a video).
    public var height: Int
    /// `false` once deleted.
    public var enabled: Bool
    /// Start of the clip in seconds (0 for image-to-video and non-video projects).
    public var startSeconds: Double
    /// End of the clip in seconds (0 for non-video projects).
    public var endSeconds: Double
    /// Credits charged; an estimate until complete, refunded (reduced) on error.
    public var creditsCharged: Int
    /// Frame rate (an estimate until complete; 0 for non-video projects).
    public var fps: Double
    /// Images made (image projects only).
    public var imageCount: Int?
    /// Set when `status` is `error`.
    public var error: ProjectFailure?
    /// Output files; empty until `complete`.
    public var downloads: [ProjectDownload]

    /// Creates a value (for tests and caches).
    public init(
        id: String, kind: ProjectKind = .video, name: String? = nil, status: ProjectStatus,
        type: String = "IMAGE_TO_VIDEO", createdAt: Date = Date(), width: Int = -1, height: Int = -1,
        enabled: Bool = true, startSeconds: Double = 0, endSeconds: Double, creditsCharged: Int, fps: Double = 30,
        imageCount: Int? = nil, error: ProjectFailure? = nil, downloads: [ProjectDownload] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.status = status
        self.type = type
        self.createdAt = createdAt
        self.width = width
        self.height = height
        self.enabled = enabled
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.creditsCharged = creditsCharged
        self.fps = fps
        self.imageCount = imageCount
        self.error = error
        self.downloads = downloads
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        status = try container.decode(ProjectStatus.self, forKey: .status)
        type = try container.decode(String.self, forKey: .type)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        enabled = try container.decode(Bool.self, forKey: .enabled)
        creditsCharged = try container.decode(Int.self, forKey: .creditsCharged)
        error = try container.decodeIfPresent(ProjectFailure.self, forKey: .error)
        downloads = try container.decode([ProjectDownload].self, forKey: .downloads)
        // Video projects only.
        width = try container.decodeIfPresent(Int.self, forKey: .width) ?? -1
        height = try container.decodeIfPresent(Int.self, forKey: .height) ?? -1
        startSeconds = try container.decodeIfPresent(Double.self, forKey: .startSeconds) ?? 0
        endSeconds = try container.decodeIfPresent(Double.self, forKey: .endSeconds) ?? 0
        fps = try container.decodeIfPresent(Double.self, forKey: .fps) ?? 0
        // Image projects only.
        imageCount = try container.decodeIfPresent(Int.self, forKey: .imageCount)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, type, width, height, enabled, fps, error, downloads
        case createdAt = "created_at"
        case startSeconds = "start_seconds"
        case endSeconds = "end_seconds"
        case creditsCharged = "credits_charged"
        case imageCount = "image_count"
    }
}
