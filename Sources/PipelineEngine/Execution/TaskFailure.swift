/// Why an attempt failed, and whether another attempt could succeed.
public struct TaskFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// False for failures no retry fixes (a corrupt image, a rejected parameter, no credits).
    public var isRetryable: Bool
    /// A failure that should stop the whole run (a rejected API key).
    public var stopsRun: Bool

    public init(_ message: String, retryable: Bool, stopsRun: Bool = false) {
        self.message = message
        self.isRetryable = retryable
        self.stopsRun = stopsRun
    }

    public var description: String { message }
}
