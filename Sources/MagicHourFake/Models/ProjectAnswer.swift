/// What a `GET /v1/<kind>-projects/{id}` answers: a video project's body or an image or audio
/// project's.
enum ProjectAnswer: Encodable, Sendable {
    case video(ProjectJSON)
    case media(MediaProjectJSON)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .video(let json): try json.encode(to: encoder)
        case .media(let json): try json.encode(to: encoder)
        }
    }
}
