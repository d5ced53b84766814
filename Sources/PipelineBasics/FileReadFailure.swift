#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why ``FileSHA256`` could not read a file: the `errno` of the failed call, and which call it was.
public struct FileReadFailure: Error, Sendable, Equatable {
    /// The `errno` value the failed `open` or `read` left.
    public var errno: Int32
    /// Whether `open` failed (the file may not exist); otherwise a `read` did.
    public var whileOpening: Bool

    /// Creates a failure.
    public init(errno: Int32, whileOpening: Bool) {
        self.errno = errno
        self.whileOpening = whileOpening
    }

    /// The system's text for ``errno`` (`strerror`), e.g. "No such file or directory".
    public var reason: String { String(cString: strerror(errno)) }
}
