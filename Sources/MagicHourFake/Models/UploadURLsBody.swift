/// A validated `POST /v1/files/upload-urls` body: the asset type and extension of each file.
struct UploadURLsBody: Sendable {
    struct Item: Sendable {
        var type: String
        var fileExtension: String
    }

    /// The extensions of each asset type, as the 2026-08 API and the SDK 0.90.0 list them.
    static let extensions: [String: [String]] = [
        "image": ["png", "jpg", "jpeg", "jfif", "heic", "heif", "webp", "avif", "jp2", "tiff", "tif", "bmp"],
        "video": ["mp4", "m4v", "mov", "webm"],
        "audio": ["mp3", "wav", "aac", "flac", "webm", "weba", "m4a", "opus", "ogg", "oga", "aiff", "amr"],
    ]

    var items: [Item]

    init(_ body: [String: JSONValue]) throws(ValidationFailure) {
        guard let items = body["items"] else { throw .badRequest("items is required") }
        guard case .array(let list) = items else { throw .badRequest("items must be an array") }
        guard !list.isEmpty else { throw .badRequest("items must not be empty") }
        guard list.count <= 100 else { throw .badRequest("items must hold at most 100 entries") }
        var parsed: [Item] = []
        for (index, item) in list.enumerated() {
            guard case .object(let fields) = item else { throw .badRequest("items[\(index)] must be an object") }
            guard case .string(let type)? = fields["type"], Self.extensions[type] != nil else {
                throw .badRequest("items[\(index)].type must be one of video, audio, image")
            }
            guard case .string(let ext)? = fields["extension"], !ext.isEmpty,
                ext.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            else {
                throw .badRequest("items[\(index)].extension must match ^[a-z0-9]+$")
            }
            guard let allowed = Self.extensions[type], allowed.contains(ext) else {
                let list = Self.extensions[type, default: []].joined(separator: ", ")
                throw .unprocessable("'\(ext)' is an invalid \(type) extension. Possible extensions are '\(list)'")
            }
            parsed.append(Item(type: type, fileExtension: ext))
        }
        self.items = parsed
    }
}
