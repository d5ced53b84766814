/// Why a project ended in `error`, as the API says it (e.g. `no_source_face`).
public struct ProjectFailure: Sendable, Equatable, Codable {
    /// Machine-readable code, e.g. `invalid_file_format`.
    public var code: String
    /// Human-readable reason.
    public var message: String

    /// Creates a value.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
