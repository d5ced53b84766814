/// Body of `POST /v1/files/upload-urls`.
struct UploadURLsRequest: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var type: AssetType
        var `extension`: String
    }
    var items: [Item]
}
