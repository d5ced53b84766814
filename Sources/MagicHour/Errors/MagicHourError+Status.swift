extension MagicHourError {
    /// Maps an HTTP error answer to its typed error.
    static func from(status: Int, message: String, retryAfter: Duration?) -> MagicHourError {
        switch status {
        case 400: .invalidRequest(status: status, message: message)
        case 401: .unauthorized(message: message)
        case 402: .insufficientCredits(status: status, message: message)
        case 403: .notOnPlan(message: message)
        case 404: .notFound(message: message)
        case 422:
            // Before 2026-03-05 the API answered 422 when credits ran out.
            Self.mentionsCredits(message)
                ? .insufficientCredits(status: status, message: message)
                : .invalidRequest(status: status, message: message)
        case 429: .rateLimited(retryAfter: retryAfter, message: message)
        case 500...599: .serverError(status: status, message: message)
        default: .unexpectedStatus(status: status, message: message)
        }
    }

    private static func mentionsCredits(_ message: String) -> Bool {
        let lowered = message.lowercased()
        return lowered.contains("credit") || lowered.contains("payment required")
    }
}
