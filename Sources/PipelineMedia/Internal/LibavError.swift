import CAVFormat

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libav's error codes in words, and which `MediaProbeError` a failed open is.
enum LibavError {
    /// libav's text for an error code (`av_strerror`).
    static func message(_ code: Int32) -> String {
        let capacity = 256
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            guard let start = buffer.baseAddress else { return "libav error \(code)" }
            _ = av_strerror(code, start, capacity)
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
