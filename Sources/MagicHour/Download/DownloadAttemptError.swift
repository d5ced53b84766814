/// Why one download attempt failed, and so what the next attempt does.
enum DownloadAttemptError: Error {
    /// 403/404/410: the URL expired or was revoked; get the project again for a fresh one.
    case urlRejected(status: Int)
    /// The body ended before Content-Length (or the connection dropped mid-body).
    case incomplete(expected: Int64?, received: Int64, cause: String)
    /// 429 or 5xx; try again after the delay.
    case retryable(MagicHourError, retryAfter: Duration?)
}
