/// `POST /v1/<endpoint>`'s answer for every generation endpoint but image-to-video (whose
/// ``CreateResponse`` also carries `estimated_frame_cost`): `{id, credits_charged}`, as the
/// OpenAPI file has it.
struct GenerationCreateResponse: Encodable, Sendable {
    var id: String
    var creditsCharged: Int
    enum CodingKeys: String, CodingKey {
        case id
        case creditsCharged = "credits_charged"
    }
}
