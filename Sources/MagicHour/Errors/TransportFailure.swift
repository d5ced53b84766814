import SecretRedaction

/// A request that got no usable HTTP answer.
public struct TransportFailure: Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely.
    public enum Kind: String, Sendable, Equatable {
        /// The connection could not be made (refused, unreachable, connect timeout): the request
        /// never reached the server.
        case connectionFailed
        /// No answer in time.
        case timedOut
        /// The server closed the connection before the answer was complete.
        case connectionClosed
        /// Anything else.
        case other
    }

    /// What went wrong.
    public var kind: Kind
    /// What the HTTP stack said (never headers, never the key).
    public var detail: String
    /// The request method and URL without its query string.
    public var request: String

    /// Creates a value.
    public init(kind: Kind, detail: String, request: String) {
        self.kind = kind
        self.detail = SecretRedactor.shared.redact(detail)
        self.request = request
    }

    /// Whether the server can have received the request. Only a failed connection proves it
    /// did not.
    public var requestMayHaveReachedServer: Bool { kind != .connectionFailed }

    /// Never the key: the HTTP stack's text (which may quote a refused header value) is redacted.
    public var description: String {
        SecretRedactor.shared.redact("\(request): \(kind.rawValue) (\(detail))")
    }
}
