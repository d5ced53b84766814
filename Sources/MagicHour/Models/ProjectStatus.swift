/// The status of a video project. Unknown future values decode as ``other(_:)``.
public enum ProjectStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case draft, queued, rendering, complete, error, canceled
    /// A status this client does not know; treated as still running.
    case other(String)

    /// Parses the API's string.
    public init(rawValue: String) {
        switch rawValue {
        case "draft": self = .draft
        case "queued": self = .queued
        case "rendering": self = .rendering
        case "complete": self = .complete
        case "error": self = .error
        case "canceled": self = .canceled
        default: self = .other(rawValue)
        }
    }

    /// The API's string.
    public var rawValue: String {
        switch self {
        case .draft: "draft"
        case .queued: "queued"
        case .rendering: "rendering"
        case .complete: "complete"
        case .error: "error"
        case .canceled: "canceled"
        case .other(let value): value
        }
    }

    /// Whether the project will not change any more (complete, error or canceled).
    public var isTerminal: Bool {
        switch self {
        case .complete, .error, .canceled: true
        default: false
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
