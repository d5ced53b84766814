/// How a project created by the fake ends.
public enum ProjectFate: Sendable, Equatable, Codable {
    /// Rendered; downloads appear.
    case complete
    /// Failed with this API error code and message; credits refunded.
    case error(code: String, message: String)
    /// Canceled; credits refunded.
    case canceled
}
