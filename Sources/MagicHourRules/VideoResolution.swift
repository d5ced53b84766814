/// An output resolution of the Magic Hour image-to-video endpoint (API snapshot V-2025H2).
public enum VideoResolution: String, CaseIterable, Sendable, Codable, Hashable {
    case p480 = "480p"
    case p720 = "720p"
    case p1080 = "1080p"

    /// The resolution the API uses when a request names none.
    public static let `default`: VideoResolution = .p720

    /// Credits charged per second of output video.
    public var creditsPerSecond: Int {
        switch self {
        case .p480: 24
        case .p720: 60
        case .p1080: 120
        }
    }

    /// Output frame rate the API renders at.
    public var framesPerSecond: Int {
        switch self {
        case .p480: 24
        case .p720, .p1080: 30
        }
    }

    /// Output frame size (width × height) for a landscape source.
    public var frameSize: (width: Int, height: Int) {
        switch self {
        case .p480: (854, 480)
        case .p720: (1280, 720)
        case .p1080: (1920, 1080)
        }
    }
}
