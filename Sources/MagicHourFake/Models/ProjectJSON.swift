import Foundation

/// `GET /v1/video-projects/{id}`'s answer: every field the OpenAPI file marks required, nullable
/// ones present as `null`.
struct ProjectJSON: Encodable, Sendable {
    struct Download: Encodable, Sendable {
        var url: String
        var expiresAt: String
        enum CodingKeys: String, CodingKey {
            case url
            case expiresAt = "expires_at"
        }
    }

    var id: String
    var name: String?
    var status: String
    var type = "IMAGE_TO_VIDEO"
    var createdAt: String
    var width: Int
    var height: Int
    var enabled: Bool
    var startSeconds: Double = 0
    var endSeconds: Double
    var creditsCharged: Int
    var fps: Double
    var error: ProjectFailure?
    var downloads: [Download]

    enum CodingKeys: String, CodingKey {
        case id, name, status, type, width, height, enabled, fps, error, downloads, download
        case createdAt = "created_at"
        case startSeconds = "start_seconds"
        case endSeconds = "end_seconds"
        case totalFrameCost = "total_frame_cost"
        case creditsCharged = "credits_charged"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if let name { try container.encode(name, forKey: .name) } else { try container.encodeNil(forKey: .name) }
        try container.encode(status, forKey: .status)
        try container.encode(type, forKey: .type)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(startSeconds, forKey: .startSeconds)
        try container.encode(endSeconds, forKey: .endSeconds)
        try container.encode(creditsCharged, forKey: .totalFrameCost)
        try container.encode(creditsCharged, forKey: .creditsCharged)
        try container.encode(fps, forKey: .fps)
        if let error { try container.encode(error, forKey: .error) } else { try container.encodeNil(forKey: .error) }
        try container.encode(downloads, forKey: .downloads)
        if let first = downloads.first {
            try container.encode(first, forKey: .download)
        } else {
            try container.encodeNil(forKey: .download)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
