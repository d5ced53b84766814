/// What was known about an input file when it was last hashed.
public struct FileFingerprint: Sendable, Equatable, Hashable, Codable {
    /// Absolute path.
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64
    /// Inode number.
    public var inode: UInt64
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String

    /// Creates a fingerprint.
    public init(path: String, size: Int64, modifiedNanoseconds: Int64, inode: UInt64, sha256: String) {
        self.path = path
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.sha256 = sha256
    }
}
