import CVipsShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Proves that a file is an image libvips can decode in full: its header *and* every pixel.
///
/// A header read alone accepts a PNG cut off half-way or a JPEG whose data is garbage; paid stages
/// call this before uploading, so such a file fails for free instead of being paid for. The whole
/// image is decoded (streamed, so memory stays flat), which costs about as much as one resize.
public struct ImageVerifier: Sendable {
    /// Creates a verifier. libvips itself is started on first use.
    public init() {}

    /// Decodes `path` in full, failing on any decoder error.
    /// - Parameter path: The image path.
    /// - Returns: The stored width and height in pixels.
    /// - Throws: `ImagingError.unreadable` when the file is missing, not an image, or corrupt or
    ///   truncated anywhere in its data.
    public func verify(atPath path: String) throws(ImagingError) -> (width: Int, height: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "the file does not exist" : String(cString: strerror(errno))
            throw .unreadable(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(path: path, reason: "it is not a regular file")
        }
        var width: Int32 = 0
        var height: Int32 = 0
        let (status, message) = VipsStatus.call { error, capacity in
            pl_image_verify(path, &width, &height, error, capacity)
        }
        guard status == Int32(PL_OK.rawValue) else {
            throw VipsStatus.readError(status, message, path: path)
        }
        return (Int(width), Int(height))
    }
}
