import MagicHourRules

/// `POST /v1/<endpoint>`'s answer for every generation endpoint, image-to-video included (a
/// video project): `{id, credits_charged}` as the OpenAPI
/// file has it, plus the deprecated frame cost (the credits again) that SDK 0.90.0's response
/// models still require: `estimated_frame_cost` for video projects, `frame_cost` for image
/// projects, none for audio projects.
struct GenerationCreateResponse: Encodable, Sendable {
    var id: String
    var creditsCharged: Int
    var kind: ProjectKind

    enum CodingKeys: String, CodingKey {
        case id
        case creditsCharged = "credits_charged"
        case estimatedFrameCost = "estimated_frame_cost"
        case frameCost = "frame_cost"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(creditsCharged, forKey: .creditsCharged)
        switch kind {
        case .video: try container.encode(creditsCharged, forKey: .estimatedFrameCost)
        case .image: try container.encode(creditsCharged, forKey: .frameCost)
        case .audio: break
        }
    }
}
