import CVipsShim

/// Writes generated test pictures (an RGB gradient, optionally with photo-like noise) through libvips.
/// For tests and benchmarks: no fixtures to check in.
public enum SyntheticImage {
    /// Writes a `width`×`height` picture to `path`; the encoder follows the extension, and libvips save
    /// options may follow in brackets (`"a.jpg[Q=90]"`).
    /// - Parameters:
    ///   - path: The destination, optionally with libvips save options.
    ///   - width: The stored width in pixels.
    ///   - height: The stored height in pixels.
    ///   - orientation: An EXIF orientation (1...8) to record, or `nil` for none.
    ///   - noise: The standard deviation of Gaussian noise added to each pixel (0 for a clean gradient).
    /// - Throws: `ImagingError.writeFailed` when libvips cannot write the file.
    public static func write(
        to path: String,
        width: Int,
        height: Int,
        orientation: Int? = nil,
        noise: Double = 0
    ) throws(ImagingError) {
        let (status, message) = VipsStatus.call { error, capacity in
            pl_write_synthetic_image(path, Int32(width), Int32(height), Int32(orientation ?? 0), noise, error, capacity)
        }
        guard status == 0 else { throw .writeFailed(path: path, reason: message) }
    }
}
