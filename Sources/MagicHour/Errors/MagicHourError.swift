import SecretRedaction

/// Everything that can go wrong talking to Magic Hour, one case per documented HTTP status and
/// per kind of transport failure. Descriptions never contain the API key or URL signatures: they
/// pass through ``SecretRedactor/shared`` (a server may echo the `Authorization` header in its
/// error message; an HTTP stack may quote a header value it refused).
public enum MagicHourError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 or 422: the request was rejected; `message` names the problem.
    case invalidRequest(status: Int, message: String)
    /// 401: the API key is missing, wrong or revoked.
    case unauthorized(message: String)
    /// 402 (or 422 saying so, as servers before 2026-03 answer): not enough credits.
    case insufficientCredits(status: Int, message: String)
    /// 403: the key is valid, but the model, resolution or feature is not on the plan.
    case notOnPlan(message: String)
    /// 404: no such project or resource.
    case notFound(message: String)
    /// 429, after every allowed retry.
    case rateLimited(retryAfter: Duration?, message: String)
    /// 5xx, after every allowed retry (or at once for a create that may have gone through).
    case serverError(status: Int, message: String)
    /// A status the API does not document.
    case unexpectedStatus(status: Int, message: String)
    /// No usable HTTP answer: connection refused, timed out, closed mid-way.
    case transport(TransportFailure)
    /// An answer that does not have the documented shape.
    case invalidResponse(String)
    /// A download ended before its Content-Length, every attempt.
    case incompleteDownload(expected: Int64, received: Int64)
    /// A download URL kept answering 403/404 (expired) even after refreshing the project.
    case downloadURLExpired(projectID: String)
    /// The project has no downloads (it is not complete).
    case noDownloads(projectID: String, status: ProjectStatus)
    /// A local file could not be read or written.
    case fileSystem(path: String, message: String)
    /// A local file whose extension the upload API does not accept.
    case unsupportedFileType(path: String)
    /// ``MagicHourClient/waitForProject(id:policy:)`` passed its deadline.
    case waitTimedOut(projectID: String, lastStatus: ProjectStatus)

    /// The HTTP status behind this error, if there was one.
    public var httpStatus: Int? {
        switch self {
        case .invalidRequest(let status, _), .insufficientCredits(let status, _), .serverError(let status, _),
            .unexpectedStatus(let status, _):
            status
        case .unauthorized: 401
        case .notOnPlan: 403
        case .notFound: 404
        case .rateLimited: 429
        default: nil
        }
    }

    public var description: String {
        SecretRedactor.shared.redact(unredactedDescription)
    }

    private var unredactedDescription: String {
        switch self {
        case .invalidRequest(let status, let message): "Magic Hour rejected the request (\(status)): \(message)"
        case .unauthorized(let message): "Magic Hour API key rejected (401): \(message)"
        case .insufficientCredits(let status, let message): "Not enough Magic Hour credits (\(status)): \(message)"
        case .notOnPlan(let message): "Not available on this Magic Hour plan (403): \(message)"
        case .notFound(let message): "Magic Hour resource not found (404): \(message)"
        case .rateLimited(let retryAfter, let message):
            "Magic Hour rate limit (429)\(retryAfter.map { ", retry after \($0)" } ?? ""): \(message)"
        case .serverError(let status, let message): "Magic Hour server error (\(status)): \(message)"
        case .unexpectedStatus(let status, let message): "Unexpected Magic Hour status \(status): \(message)"
        case .transport(let failure): "Magic Hour request failed: \(failure)"
        case .invalidResponse(let detail): "Unexpected Magic Hour response: \(detail)"
        case .incompleteDownload(let expected, let received):
            "Download ended early: \(received) of \(expected) bytes"
        case .downloadURLExpired(let id): "Download URLs of project \(id) keep expiring"
        case .noDownloads(let id, let status): "Project \(id) has no downloads (status \(status))"
        case .fileSystem(let path, let message): "\(path): \(message)"
        case .unsupportedFileType(let path): "\(path): file type not accepted by Magic Hour uploads"
        case .waitTimedOut(let id, let status): "Gave up waiting for project \(id) (last status \(status))"
        }
    }
}
