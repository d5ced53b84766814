/// One fault to inject into the next request(s) of a route (see ``FakeMagicHourServer/inject(_:on:count:)``).
public enum FakeFault: Sendable, Equatable {
    /// Answer this status with a `{"message"}` body before handling the request (nothing is created
    /// or charged); `retryAfter` becomes the `Retry-After` header.
    case status(Int, retryAfter: String? = nil)
    /// Close the connection before answering; the request is not processed.
    case dropConnection
    /// Process the request (a create creates and charges), then close the connection without answering.
    case dropAfterProcessing
    /// Answer after this delay.
    case delay(Duration)
    /// Downloads only: send half the body, then close the connection.
    case truncateBody
    /// Downloads only: send the body at about this many bytes per second (a slow link).
    case throttleBody(bytesPerSecond: Int)
    /// Downloads only: answer 403 as an expired URL would.
    case expireURL
    /// Answer 400 with a message that quotes the request's `Authorization` header as a careless
    /// server or proxy does: as received, base64-encoded, and the key percent-encoded (nothing is
    /// created or charged). For proving that no form of the key reaches the client's output.
    case echoAuthorization
}
