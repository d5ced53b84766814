/// Why an attempt failed, and whether another attempt could succeed.
public struct TaskFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// False for failures no retry fixes (a corrupt image, a rejected parameter, no credits).
    public var isRetryable: Bool
    /// A failure that should stop the whole run (a rejected API key).
    public var stopsRun: Bool
    /// A paid job may exist without its id on record: never retried, reported as uncertain.
    public var isUncertain: Bool

    public init(_ message: String, retryable: Bool, stopsRun: Bool = false, uncertain: Bool = false) {
        self.message = message
        self.isRetryable = retryable && !uncertain
        self.stopsRun = stopsRun
        self.isUncertain = uncertain
    }

    public var description: String { message }
}
