/// The routes the fake serves, as counted in ``FakeStats/requestsPerRoute``.
public enum FakeRoute: String, Sendable, Hashable, CaseIterable, Codable {
    case uploadURLs = "POST /v1/files/upload-urls"
    case upload = "PUT /_uploads"
    case createImageToVideo = "POST /v1/image-to-video"
    case getProject = "GET /v1/video-projects/{id}"
    case deleteProject = "DELETE /v1/video-projects/{id}"
    case download = "GET /_videos"
    case account = "GET /v1/account"
    case stats = "GET /_fake/stats"
}
