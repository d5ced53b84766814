import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one SHA-256 of a file's content: streamed in chunks of at most 1 MiB, so memory stays flat.
///
/// Blocking: call it off the cooperative pool (``Blocking/run(_:)``). Callers turn a
/// ``FileReadFailure`` into their own error type.
public enum FileSHA256 {
    /// The largest chunk read at once.
    public static let chunkSize = 1 << 20

    /// The lower-case hex SHA-256 of the file at `path`.
    /// - Throws: ``FileReadFailure`` when the file cannot be opened or read.
    public static func hex(ofFileAt path: String) throws(FileReadFailure) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadFailure(errno: errno, whileOpening: true) }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        // Small files are read whole (plus the read that sees the end) into a buffer their size.
        let bufferSize = min(max(size + 1, 4096), chunkSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, bufferSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadFailure(errno: errno, whileOpening: false)
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize().withUnsafeBytes(HexText.encode(buffer:))
    }

    /// The lower-case hex SHA-256 of a text's UTF-8 bytes.
    public static func hex(of text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).withUnsafeBytes(HexText.encode(buffer:))
    }
}
