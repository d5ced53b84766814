/// Why `MediaProbe` could not describe a file. Every case names the file.
public enum MediaProbeError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Nothing exists at the path (or a folder on the way is missing).
    case fileMissing(path: String)
    /// Something exists at the path but cannot be read as a file: a folder, no permission, an I/O error.
    case unreadable(path: String, reason: String)
    /// The file can be read, but libavformat finds no audio or video in it; `reason` is libav's error
    /// text (from `av_strerror`) or what was missing.
    case notMedia(path: String, reason: String)
    /// libavformat could not be loaded (it is loaded on first use), so no file can be read.
    case libraryUnavailable(path: String, reason: String)

    /// The path concerned.
    public var path: String {
        switch self {
        case let .fileMissing(path), let .unreadable(path, _), let .notMedia(path, _),
            let .libraryUnavailable(path, _):
            return path
        }
    }

    /// A one-line message for users, naming the file.
    public var description: String {
        switch self {
        case let .fileMissing(path):
            return "media file not found: \(path)"
        case let .unreadable(path, reason):
            return "cannot read media file \(path): \(reason)"
        case let .notMedia(path, reason):
            return "not a video or audio file: \(path) (\(reason))"
        case let .libraryUnavailable(path, reason):
            return "cannot read media file \(path): \(reason)"
        }
    }
}
