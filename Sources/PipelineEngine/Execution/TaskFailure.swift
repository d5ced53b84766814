import SecretRedaction

/// Why an attempt failed, and whether another attempt could succeed.
///
/// The message passes through ``SecretRedactor/shared`` when it is set: every task error that is
/// stored, printed or reported is built here, so none can carry the API key (an HTTP stack that
/// quotes a header value, a server that echoes the `Authorization` header).
public struct TaskFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with any registered secret redacted.
    public var message: String {
        get { redactedMessage }
        set { redactedMessage = SecretRedactor.shared.redact(newValue) }
    }
    private var redactedMessage: String
    /// False for failures no retry fixes (a corrupt image, a rejected parameter, no credits).
    public var isRetryable: Bool
    /// A failure that should stop the whole run (a rejected API key).
    public var stopsRun: Bool
    /// A paid job may exist without its id on record: never retried, reported as uncertain.
    public var isUncertain: Bool
    /// In a shared run, another worker took the task over (this worker's lease on it ran out):
    /// the result is not this worker's to record; the task is looked at again as another's.
    public var isClaimLost = false

    public init(_ message: String, retryable: Bool, stopsRun: Bool = false, uncertain: Bool = false) {
        self.redactedMessage = SecretRedactor.shared.redact(message)
        self.isRetryable = retryable && !uncertain
        self.stopsRun = stopsRun
        self.isUncertain = uncertain
    }

    public var description: String { message }
}
