/// What ``FileFingerprinter/fingerprint(_:)`` found.
public struct FingerprintResult: Sendable, Equatable {
    /// Lower-case hex SHA-256 per requested path.
    public var hashes: [String: String]
    /// The paths whose content was read and hashed this time (new or changed files), sorted.
    public var rehashed: [String]

    /// Creates a result.
    public init(hashes: [String: String], rehashed: [String]) {
        self.hashes = hashes
        self.rehashed = rehashed
    }
}
