/// `GET /v1/image-projects/{id}`'s and `GET /v1/audio-projects/{id}`'s answer: every field the
/// OpenAPI file marks required, nullable ones present as `null`; `image_count` and the deprecated
/// `total_frame_cost` (SDK 0.90.0's image model requires it) only for images.
struct MediaProjectJSON: Encodable, Sendable {
    var id: String
    var name: String?
    var status: String
    /// `nil` for an audio project (the field is not in its schema).
    var imageCount: Int?
    var type: String
    var createdAt: String
    var enabled: Bool
    var creditsCharged: Int
    var downloads: [ProjectJSON.Download]
    var error: ProjectFailure?

    enum CodingKeys: String, CodingKey {
        case id, name, status, type, enabled, downloads, error
        case imageCount = "image_count"
        case totalFrameCost = "total_frame_cost"
        case createdAt = "created_at"
        case creditsCharged = "credits_charged"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if let name { try container.encode(name, forKey: .name) } else { try container.encodeNil(forKey: .name) }
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(imageCount, forKey: .imageCount)
        try container.encode(type, forKey: .type)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(creditsCharged, forKey: .creditsCharged)
        if imageCount != nil { try container.encode(creditsCharged, forKey: .totalFrameCost) }
        try container.encode(downloads, forKey: .downloads)
        if let error { try container.encode(error, forKey: .error) } else { try container.encodeNil(forKey: .error) }
    }
}
