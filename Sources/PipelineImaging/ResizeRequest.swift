/// One resize: which file, into which box, written where and how.
public struct ResizeRequest: Sendable, Hashable {
    /// The source image path (JPEG, PNG, WebP, TIFF, GIF, HEIF… whatever libvips loads).
    public var input: String
    /// The destination path; its folder is created if missing. Replaced atomically.
    public var output: String
    /// The target width in pixels; `nil` keeps the aspect ratio from `height`.
    public var width: Int?
    /// The target height in pixels; `nil` keeps the aspect ratio from `width`.
    public var height: Int?
    /// How the image is fitted into the box.
    public var fit: ResizeFit
    /// The output encoding.
    public var format: ImageFormat
    /// Encoder quality, 1...100 (JPEG and WebP).
    public var quality: Int
    /// Whether images smaller than the box may be enlarged (`contain` and `cover`).
    public var upscale: Bool

    /// Creates a request; give `width`, `height` or both.
    /// - Parameters:
    ///   - input: The source image path.
    ///   - output: The destination path.
    ///   - width: The target width in pixels, or `nil`.
    ///   - height: The target height in pixels, or `nil`.
    ///   - fit: How the image is fitted into the box; `.contain` by default.
    ///   - format: The output encoding.
    ///   - quality: Encoder quality, 1...100; 85 by default.
    ///   - upscale: Whether small images may be enlarged; `false` by default.
    public init(
        input: String,
        output: String,
        width: Int? = nil,
        height: Int? = nil,
        fit: ResizeFit = .contain,
        format: ImageFormat,
        quality: Int = 85,
        upscale: Bool = false
    ) {
        self.input = input
        self.output = output
        self.width = width
        self.height = height
        self.fit = fit
        self.format = format
        self.quality = quality
        self.upscale = upscale
    }
}
