/// The routes the fake serves, as counted in ``FakeStats/requestsPerRoute`` and targeted by faults
/// (``FakeMagicHourServer/inject(_:on:count:)``).
///
/// Faults target a route by its role, whatever the endpoint or project kind: ``createImageToVideo``
/// (alias ``create``) is every generation create (`POST /v1/image-to-video` and every
/// `POST /v1/<endpoint>` of `EndpointCatalog`), so an option that fails creates fails them all;
/// ``getProject`` and ``deleteProject`` are the GET and DELETE of every project kind (video, image
/// and audio projects); ``download`` is every output download. The requests themselves are
/// counted under their own path (`POST /v1/ai-image-generator`, `GET /v1/image-projects/{id}`…),
/// see ``FakeStats/requests(path:)``.
public enum FakeRoute: String, Sendable, Hashable, CaseIterable, Codable {
    case uploadURLs = "POST /v1/files/upload-urls"
    case upload = "PUT /_uploads"
    case createImageToVideo = "POST /v1/image-to-video"
    case getProject = "GET /v1/video-projects/{id}"
    case deleteProject = "DELETE /v1/video-projects/{id}"
    case download = "GET /_videos"
    case account = "GET /v1/account"
    case stats = "GET /_fake/stats"

    /// Every generation create, of any endpoint: the route faults of creates target.
    public static var create: FakeRoute { .createImageToVideo }
}
