/// One file a project downloads: where it is, its size, the name its download URL ends with and
/// the `Content-Type` it is served with.
struct RenderedFile: Sendable, Codable, Hashable {
    var path: String
    var size: Int64
    /// `output.png`, `output-2.png`…
    var name: String
    var contentType: String
}
