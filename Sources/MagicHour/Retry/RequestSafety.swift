/// Which failures of a request may be answered by sending it again.
///
/// - ``idempotent``: GET, PUT, DELETE and `POST /v1/files/upload-urls` (asking for upload URLs
///   twice costs nothing). Retried after 429, 5xx and any transport failure.
/// - ``createsPaidJob``: `POST /v1/image-to-video`. Sending it twice can pay twice, so it is retried
///   only when the failure **proves that no project was created**:
///   - the connection could not be made (refused, unreachable, connect timeout): the request
///     never left this machine;
///   - a 429 answer: the request was turned away before any work;
///   - a 5xx answer whose body carries no project `id` (the vendor: "if no project id came back,
///     no job was created, so resubmit").
///   A connection dropped or timed out after the request was sent is **not** retried: the server
///   may have created the project, and only the caller (who records ids) can decide.
enum RequestSafety: Sendable {
    case idempotent
    case createsPaidJob

    /// Whether an HTTP error answer may be retried.
    func allowsRetry(status: Int, bodyHasProjectID: Bool) -> Bool {
        guard status == 429 || (500...599).contains(status) else { return false }
        switch self {
        case .idempotent: return true
        case .createsPaidJob: return status == 429 || !bodyHasProjectID
        }
    }

    /// Whether a transport failure may be retried.
    func allowsRetry(_ failure: TransportFailure) -> Bool {
        switch self {
        case .idempotent: true
        case .createsPaidJob: !failure.requestMayHaveReachedServer
        }
    }
}
