import CAVFormat
import CAVFormatShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libav's error codes in words, and which `MediaProbeError` a failed open is.
enum LibavError {
    /// Loads libavformat, once per process; throws `.libraryUnavailable` when it cannot be loaded.
    static func start(path: String) throws(MediaProbeError) {
        // The reason is asked for only when the load failed (the first result is kept).
        guard pl_av_start(nil, 0) != 0 else { return }
        throw .libraryUnavailable(path: path, reason: text { pl_av_start($0, $1) })
    }

    /// libav's text for an error code (`av_strerror`).
    static func message(_ code: Int32) -> String {
        // A code libav has no words for still gets its generic "Error number N occurred".
        let words = text { pl_av_strerror(code, $0, $1) }
        return words.isEmpty ? "libav error \(code)" : words
    }

    /// What `body` writes as a C string into a zeroed 512-byte buffer.
    private static func text(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String {
        let capacity = 512
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            guard let start = buffer.baseAddress else { return "" }
            start.initialize(repeating: 0, count: capacity)
            _ = body(start, capacity)
            start[capacity - 1] = 0
            return String(cString: start)
        }
    }

    /// The error for a failed `avformat_open_input`: the file vanished, could not be read, or is not media.
    static func openFailure(_ code: Int32, path: String) -> MediaProbeError {
        switch code {
        case pl_av_error_from_errno(ENOENT), pl_av_error_from_errno(ENOTDIR):
            return .fileMissing(path: path)
        case pl_av_error_from_errno(EACCES), pl_av_error_from_errno(EPERM), pl_av_error_from_errno(EIO),
            pl_av_error_from_errno(EISDIR):
            return .unreadable(path: path, reason: message(code))
        default:
            return .notMedia(path: path, reason: message(code))
        }
    }
}
