/// What the fake has seen and done, for tests (``FakeMagicHourServer/stats()``) and over HTTP
/// (`GET /_fake/stats`).
public struct FakeStats: Sendable, Equatable, Codable {
    /// Projects created (and charged).
    public var projectsCreated: Int
    /// Projects created per distinct request body (canonical JSON, sorted keys); bodies of the
    /// generation endpoints other than image-to-video are keyed `<path> <canonical JSON>`, e.g.
    /// `/v1/ai-image-generator {"image_count":1,...}`.
    public var projectsCreatedPerBody: [String: Int]
    /// Credits charged at create, in total.
    public var creditsCharged: Int
    /// Credits given back for failed or canceled projects.
    public var creditsRefunded: Int
    /// The account balance now.
    public var balance: Int
    /// Requests received per route (``FakeRoute`` raw values), faulted ones included.
    public var requestsPerRoute: [String: Int]
    /// Files uploaded completely.
    public var uploadsCompleted: Int
    /// Downloads served in full.
    public var downloadsCompleted: Int
    /// Faults injected, by kind.
    public var faultsInjected: [String: Int]
    /// Videos actually encoded (projects of the same image, resolution and duration share one).
    public var videosEncoded: Int
    /// Upload PUTs and downloads that carried an `Authorization` header (a client must not send
    /// its API key to the storage host).
    public var presignedRequestsWithAuthorization: Int
    /// Whether videos are real renders (ffmpeg found) or the fallback clip.
    public var videoEncoder: String
    /// The most create calls (`POST /v1/image-to-video` and every generation endpoint) the fake was answering at once; see
    /// ``FakeServerConfiguration/createDelay`` to make them overlap observably.
    public var maxCreatesInFlight = 0

    /// Requests seen on one route.
    public func requests(_ route: FakeRoute) -> Int { requestsPerRoute[route.rawValue, default: 0] }

    /// Requests seen on a route counted under its own path, e.g. `POST /v1/ai-image-generator`
    /// or `GET /v1/image-projects/{id}` (a ``FakeRoute``'s raw value works too).
    public func requests(path: String) -> Int { requestsPerRoute[path, default: 0] }

    enum CodingKeys: String, CodingKey {
        case projectsCreated = "projects_created"
        case projectsCreatedPerBody = "projects_created_per_body"
        case creditsCharged = "credits_charged"
        case creditsRefunded = "credits_refunded"
        case balance
        case requestsPerRoute = "requests_per_route"
        case uploadsCompleted = "uploads_completed"
        case downloadsCompleted = "downloads_completed"
        case faultsInjected = "faults_injected"
        case videosEncoded = "videos_encoded"
        case presignedRequestsWithAuthorization = "presigned_requests_with_authorization"
        case videoEncoder = "video_encoder"
        case maxCreatesInFlight = "max_creates_in_flight"
    }
}
