/// Answer of `POST /v1/files/upload-urls`, one item per requested file, in order.
struct UploadURLsResponse: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var uploadURL: String
        var filePath: String
        enum CodingKeys: String, CodingKey {
            case uploadURL = "upload_url"
            case filePath = "file_path"
        }
    }
    var items: [Item]
}
