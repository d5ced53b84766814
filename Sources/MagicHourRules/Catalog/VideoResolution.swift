/// An output resolution of the Magic Hour video models (API as of 2026-10: 360p to 4k).
public enum VideoResolution: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case p360 = "360p"
    case p480 = "480p"
    case p720 = "720p"
    case p1080 = "1080p"
    case p4k = "4k"

    /// The resolution the API uses when a request names none (paid tiers; free tiers get 480p).
    public static let `default`: VideoResolution = .p720

    /// Output frame rate the fake renders at (the real rate depends on the model).
    public var framesPerSecond: Int {
        switch self {
        case .p360, .p480: 24
        case .p720, .p1080, .p4k: 30
        }
    }

    /// Output frame size (width × height) for a landscape source.
    public var frameSize: (width: Int, height: Int) {
        switch self {
        case .p360: (640, 360)
        case .p480: (854, 480)
        case .p720: (1280, 720)
        case .p1080: (1920, 1080)
        case .p4k: (3840, 2160)
        }
    }

    /// Lower resolutions first.
    public static func < (lhs: VideoResolution, rhs: VideoResolution) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .p360: 0
        case .p480: 1
        case .p720: 2
        case .p1080: 3
        case .p4k: 4
        }
    }
}
