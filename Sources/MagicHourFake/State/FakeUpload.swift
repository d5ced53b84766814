import Foundation

/// An upload slot handed out by `POST /v1/files/upload-urls`.
struct FakeUpload: Sendable, Codable {
    /// `api-assets/<id>/<name>.<ext>`, what create calls refer to.
    var filePath: String
    /// The secret in the upload URL's query.
    var token: String
    /// When the upload URL stops working.
    var expiresAt: Date
    /// Where the bytes are stored once uploaded.
    var storedAt: String
    /// Set when a PUT completed: FNV-1a of the content, for the render cache.
    var fingerprint: UInt64?
}
