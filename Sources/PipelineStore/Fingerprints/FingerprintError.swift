/// Why an input file could not be fingerprinted.
public enum FingerprintError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be examined or read (missing, unreadable, a folder…).
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            "cannot read the input file \(path): \(reason)."
        }
    }
}
