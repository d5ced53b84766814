/// An output encoding the resizer can write.
public enum ImageFormat: String, Sendable, CaseIterable, Hashable {
    /// PNG, lossless; `quality` is ignored.
    case png
    /// JPEG (baseline); alpha is flattened onto white.
    case jpg
    /// WebP (lossy, `quality` applies); at most 16383 pixels a side.
    case webp

    /// The format a file extension names (`"jpeg"`, `"JPG"` and `"jpg"` are all `.jpg`), or `nil`.
    /// - Parameter fileExtension: The extension, without the dot.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpg
        case "webp": self = .webp
        default: return nil
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }
}
