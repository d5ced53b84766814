/// A file a cached task wrote, with the content hash it had then.
public struct StoredFile: Sendable, Equatable, Hashable, Codable {
    /// Path of the file (as the engine stores it: absolute, or relative to the pipeline file).
    public var path: String
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String
    /// Size in bytes.
    public var bytes: Int64

    /// Creates a stored-file entry.
    public init(path: String, sha256: String, bytes: Int64) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}
