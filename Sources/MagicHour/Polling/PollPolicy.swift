import PipelineBasics

/// How to poll a project until it finishes: start at `initialInterval`, grow by `multiplier`,
/// never wait longer than `maxInterval` between polls, and give up after `timeout`.
public struct PollPolicy: Sendable, Equatable {
    /// Wait before the second poll.
    public var initialInterval: Duration
    /// Growth factor of the interval.
    public var multiplier: Double
    /// Largest interval between polls.
    public var maxInterval: Duration
    /// Overall deadline of the wait, from its start.
    public var timeout: Duration

    /// Creates a policy.
    public init(
        initialInterval: Duration = .seconds(3),
        multiplier: Double = 1.5,
        maxInterval: Duration = .seconds(15),
        timeout: Duration = .seconds(30 * 60)
    ) {
        self.initialInterval = initialInterval
        self.multiplier = max(1, multiplier)
        self.maxInterval = max(maxInterval, initialInterval)
        self.timeout = timeout
    }

    /// 3 s growing ×1.5 to 15 s, 30 minutes overall (the docs suggest polling every 3–10 s).
    public static let `default` = PollPolicy()

    /// The interval after `interval`.
    func next(after interval: Duration) -> Duration {
        min(.seconds(interval.seconds * multiplier), maxInterval)
    }
}
