/// The kinds of file `POST /v1/files/upload-urls` accepts, with the extensions of each.
public enum AssetType: String, Sendable, Codable, CaseIterable {
    case image, video, audio

    /// Accepted extensions (lower case, no dot), as the API docs list them.
    public var extensions: [String] {
        switch self {
        case .image: ["png", "jpg", "jpeg", "heic", "webp", "avif", "jp2", "tiff", "bmp"]
        case .video: ["mp4", "m4v", "mov", "webm"]
        case .audio: ["mp3", "wav", "aac", "flac", "webm", "m4a"]
        }
    }

    /// The asset type of a file extension (`webm` counts as video), or `nil`.
    public init?(fileExtension: String) {
        let ext = fileExtension.lowercased()
        guard let type = [AssetType.image, .video, .audio].first(where: { $0.extensions.contains(ext) }) else {
            return nil
        }
        self = type
    }
}
