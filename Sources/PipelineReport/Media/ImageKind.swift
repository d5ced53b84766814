import PipelineLanguage

/// Which files are images a browser shows, by extension.
enum ImageKind {
    /// Extensions of images the thumbnailer reads.
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "webp", "gif", "tif", "tiff", "heic", "heif", "avif"]

    /// True when `path` names an image file.
    static func isImage(_ path: String) -> Bool {
        extensions.contains(PathText.extension(path).lowercased())
    }
}
