import CVipsShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resizes images with libvips: shrink-on-load, streaming, EXIF orientation applied, sRGB output.
///
/// Colour: pixels with an embedded ICC profile are converted to sRGB; then all metadata (EXIF, XMP,
/// ICC) is stripped, so the output is untagged sRGB, which every viewer and encoder assumes, and no
/// camera or GPS data leaks into uploads. The EXIF orientation is applied to the pixels first.
///
/// Stateless and thread-safe: call `resize(_:)` from as many tasks at once as you like. libvips starts
/// once per process (its own worker threads: `VIPS_CONCURRENCY`, default one per core; no operation
/// cache, so memory stays flat over a batch).
public struct ImageResizer: Sendable {
    /// The largest side a request may ask for.
    public static let maximumSide = 1_000_000

    /// Creates a resizer. libvips itself is started on first use.
    public init() {}

    /// Whether libvips runs its vector (liborc) code paths; `false` once libvips has started here.
    ///
    /// The start-up turns them off: orc generates machine code at run time, and that generation
    /// races when several threads build operations at once (a SIGSEGV inside liborc, about once in
    /// eleven batches of 1,000 concurrent resizes). Starts libvips if it has not started yet;
    /// `nil` when it cannot start.
    public static var usesVectorPaths: Bool? {
        switch pl_vector_enabled() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    /// Resizes `request.input` into `request.output`, atomically replacing any existing file.
    ///
    /// The image is decoded and encoded in memory first, then written to a hidden temporary file in the
    /// output's folder and renamed over the destination; on any failure no partial file is left behind.
    /// - Parameter request: What to resize, into which box, written where.
    /// - Returns: The written file's path, pixel size, format and byte count.
    /// - Throws: `ImagingError.unreadable` for a missing, non-image, corrupt or truncated input;
    ///   `.writeFailed` when the output cannot be written; `.invalidRequest` for a malformed request.
    public func resize(_ request: ResizeRequest) throws(ImagingError) -> ResizeResult {
        try validate(request)
        try checkInputExists(request.input)
        var options = pl_resize_options()
        options.width = Int32(request.width ?? 0)
        options.height = Int32(request.height ?? 0)
        options.fit =
            switch request.fit {
            case .contain, .inside: PL_FIT_CONTAIN
            case .cover: PL_FIT_COVER
            case .fill: PL_FIT_FILL
            }
        options.allow_enlarge = request.upscale && request.fit != .inside ? 1 : 0
        options.format =
            switch request.format {
            case .png: PL_FORMAT_PNG
            case .jpg: PL_FORMAT_JPEG
            case .webp: PL_FORMAT_WEBP
            }
        options.quality = Int32(request.quality)

        var output = pl_resize_output()
        let (status, message) = VipsStatus.call { error, capacity in
            pl_resize_to_buffer(request.input, &options, &output, error, capacity)
        }
        defer { pl_free(output.data) }
        guard status == Int32(PL_OK.rawValue), let data = output.data else {
            throw VipsStatus.readError(status, message, path: request.input)
        }
        do {
            try AtomicFile.write(UnsafeRawBufferPointer(start: data, count: output.length), to: request.output)
        } catch {
            throw .writeFailed(path: error.path, reason: error.reason)
        }
        return ResizeResult(
            path: request.output,
            width: Int(output.width),
            height: Int(output.height),
            format: request.format,
            bytes: Int64(output.length)
        )
    }

    /// Reads only the header of an image and returns its size as displayed, that is with the EXIF
    /// orientation applied (a 4000×3000 photo tagged "rotate 90°" reports 3000×4000).
    /// - Parameter path: The image path.
    /// - Returns: The upright width and height in pixels.
    /// - Throws: `ImagingError.unreadable` when the file is missing or not a readable image.
    public func imageSize(atPath path: String) throws(ImagingError) -> (width: Int, height: Int) {
        try checkInputExists(path)
        var width: Int32 = 0
        var height: Int32 = 0
        let (status, message) = VipsStatus.call { error, capacity in
            pl_image_header(path, 1, &width, &height, error, capacity)
        }
        guard status == Int32(PL_OK.rawValue) else {
            throw VipsStatus.readError(status, message, path: path)
        }
        return (Int(width), Int(height))
    }

    private func validate(_ request: ResizeRequest) throws(ImagingError) {
        guard !request.input.isEmpty else { throw .invalidRequest("the input path is empty") }
        guard !request.output.isEmpty else { throw .invalidRequest("the output path is empty") }
        guard request.width != nil || request.height != nil else {
            throw .invalidRequest("\(request.input): give a width, a height or both")
        }
        for (name, value) in [("width", request.width), ("height", request.height)] {
            if let value, !(1...Self.maximumSide).contains(value) {
                throw .invalidRequest("\(request.input): \(name) must be 1...\(Self.maximumSide), not \(value)")
            }
        }
        if request.fit == .fill && (request.width == nil || request.height == nil) {
            throw .invalidRequest("\(request.input): fit 'fill' needs both a width and a height")
        }
        guard (1...100).contains(request.quality) else {
            throw .invalidRequest("\(request.input): quality must be 1...100, not \(request.quality)")
        }
        let name = AtomicFile.split(request.output).name
        if let dot = name.lastIndex(of: "."), dot != name.startIndex,
            let named = ImageFormat(fileExtension: String(name[name.index(after: dot)...])),
            named != request.format
        {
            throw .invalidRequest(
                "\(request.output): the extension says \(named.rawValue) but the format is \(request.format.rawValue)"
            )
        }
    }

    /// A plain message for the commonest mistake, before libvips words it its own way.
    private func checkInputExists(_ path: String) throws(ImagingError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "the file does not exist" : String(cString: strerror(errno))
            throw .unreadable(path: path, reason: reason)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a folder, not an image file")
        }
    }
}
