/// A Magic Hour API key that never shows itself.
///
/// `description`, `debugDescription`, `dump` and string interpolation all print `<redacted>`;
/// only the client reads the value, to build the `Authorization` header.
public struct APIToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let secret: String

    /// Wraps an API key, e.g. the value of `MAGIC_HOUR_API_KEY`.
    public init(_ secret: String) {
        self.secret = secret
    }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `APIToken(<redacted>)`.
    public var debugDescription: String { "APIToken(<redacted>)" }
    /// A mirror with no children, so `dump` shows nothing of the key.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The `Authorization` header value.
    var authorizationHeader: String { "Bearer \(secret)" }
}
