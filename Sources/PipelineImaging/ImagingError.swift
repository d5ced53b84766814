/// Why a resize (or a header read) failed. Every case names the file concerned.
public enum ImagingError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The input is missing, not an image, or corrupt/truncated; `reason` says which, in plain words.
    case unreadable(path: String, reason: String)
    /// The output (or its folder) could not be written.
    case writeFailed(path: String, reason: String)
    /// The request itself is wrong (no size, bad quality, format/extension mismatch, too large).
    case invalidRequest(String)
    /// libvips could not start in this process.
    case libraryUnavailable(String)

    /// A one-line message for users, naming the file.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read image \(path): \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write image \(path): \(reason)"
        case let .invalidRequest(message):
            return "invalid resize request: \(message)"
        case let .libraryUnavailable(message):
            return "libvips is unavailable: \(message)"
        }
    }
}
