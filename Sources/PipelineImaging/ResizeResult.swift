/// What a resize wrote.
public struct ResizeResult: Sendable, Equatable, Hashable {
    /// The destination path, as given in the request.
    public var path: String
    /// The written image's width in pixels.
    public var width: Int
    /// The written image's height in pixels.
    public var height: Int
    /// The written image's encoding.
    public var format: ImageFormat
    /// The written file's size in bytes.
    public var bytes: Int64

    /// Creates a result.
    /// - Parameters:
    ///   - path: The destination path.
    ///   - width: The width in pixels.
    ///   - height: The height in pixels.
    ///   - format: The encoding.
    ///   - bytes: The file size in bytes.
    public init(path: String, width: Int, height: Int, format: ImageFormat, bytes: Int64) {
        self.path = path
        self.width = width
        self.height = height
        self.format = format
        self.bytes = bytes
    }
}
