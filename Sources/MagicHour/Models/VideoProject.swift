public import Foundation

/// A video project as `GET /v1/video-projects/{id}` returns it.
public struct VideoProject: Sendable, Equatable, Decodable {
    /// Project id.
    public var id: String
    /// The name given at creation, if any.
    public var name: String?
    /// Where the project is in its life.
    public var status: ProjectStatus
    /// Project type, e.g. `IMAGE_TO_VIDEO`.
    public var type: String
    /// Creation time.
    public var createdAt: Date
    /// Output width (-1: ignore).
    public var width: Int
    /// Output height (-1: ignore).
    public var height: Int
    /// `false` once deleted.
    public var enabled: Bool
    /// Start of the clip in seconds (0 for image-to-video).
    public var startSeconds: Double
    /// End of the clip in seconds.
    public var endSeconds: Double
    /// Credits charged; an estimate until complete, refunded (reduced) on error.
    public var creditsCharged: Int
    /// Frame rate (an estimate until complete).
    public var fps: Double
    /// Set when `status` is `error`.
    public var error: ProjectFailure?
    /// Output files; empty until `complete`.
    public var downloads: [ProjectDownload]

    /// Creates a value (for tests and caches).
    public init(
        id: String, name: String? = nil, status: ProjectStatus, type: String = "IMAGE_TO_VIDEO",
        createdAt: Date = Date(), width: Int = -1, height: Int = -1, enabled: Bool = true,
        startSeconds: Double = 0, endSeconds: Double, creditsCharged: Int, fps: Double = 30,
        error: ProjectFailure? = nil, downloads: [ProjectDownload] = []
    ) {
        self.id = id
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
        self.error = error
        self.downloads = downloads
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, type, width, height, enabled, fps, error, downloads
        case createdAt = "created_at"
        case startSeconds = "start_seconds"
        case endSeconds = "end_seconds"
        case creditsCharged = "credits_charged"
    }
}
