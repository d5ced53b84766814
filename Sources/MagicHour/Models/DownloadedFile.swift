/// A file the client downloaded and renamed into place.
public struct DownloadedFile: Sendable, Equatable {
    /// Final path of the file.
    public var path: String
    /// Its size in bytes (equal to the response's Content-Length when one was sent).
    public var size: Int64
    /// The URL it came from, without its query (signatures are secrets too).
    public var source: String

    /// Creates a value.
    public init(path: String, size: Int64, source: String) {
        self.path = path
        self.size = size
        self.source = source
    }
}
