public import Foundation

/// One output of a finished project: a URL that expires.
public struct ProjectDownload: Sendable, Equatable, Codable {
    /// Where to GET the file. Carries its own signature; no API key is sent there.
    public var url: String
    /// When `url` stops working (fetch the project again for a fresh one).
    public var expiresAt: Date

    /// Creates a value.
    public init(url: String, expiresAt: Date) {
        self.url = url
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case url
        case expiresAt = "expires_at"
    }

    /// The last path segment of the URL, e.g. `output.mp4`.
    public var fileName: String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init) ?? "output.mp4"
    }
}
