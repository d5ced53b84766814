/// A kind of media file: what an `*_file_path` field takes and what a project downloads.
public enum MediaKind: String, Sendable, Hashable, CaseIterable, Codable {
    case image
    case video
    case audio

    /// Extensions the upload API takes for this kind (lower case, no dot), as SDK 0.90.0 sends them.
    public var uploadExtensions: [String] {
        switch self {
        case .image: ["png", "jpg", "jpeg", "heic", "heif", "webp", "avif", "jp2", "tif", "tiff", "bmp", "jfif"]
        case .video: ["mp4", "m4v", "mov", "webm"]
        case .audio: ["mp3", "wav", "aac", "flac", "webm", "m4a", "weba", "opus", "ogg", "oga", "aiff", "amr"]
        }
    }
}
