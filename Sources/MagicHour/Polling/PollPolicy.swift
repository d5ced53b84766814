import PipelineBasics

/// How to poll a project until it finishes, and when to give up (`timeout`).
///
/// Two shapes: ``Shape-swift.enum/expectedCompletion(timeScale:)`` (the default) plans each poll
/// from the endpoint's typical processing time and the renders already finished in this run (see
/// ``RenderTimeEstimator``); ``Shape-swift.enum/intervals`` polls at `initialInterval`, growing by
/// `multiplier` up to `maxInterval`.
public struct PollPolicy: Sendable, Equatable {
    /// Where the poll times come from.
    public enum Shape: Sendable, Equatable {
        /// Fixed intervals: `initialInterval` growing by `multiplier` up to `maxInterval`.
        case intervals
        /// Near the expected completion; typical processing times are multiplied by `timeScale`
        /// (1 for the real API; smaller against a fake whose renders are scaled down).
        case expectedCompletion(timeScale: Double)
    }

    /// Where the poll times come from.
    public var shape: Shape
    /// Wait before the second poll (``Shape-swift.enum/intervals``).
    public var initialInterval: Duration
    /// Growth factor of the interval (``Shape-swift.enum/intervals``).
    public var multiplier: Double
    /// Largest interval between polls (both shapes).
    public var maxInterval: Duration
    /// Smallest interval between polls (``Shape-swift.enum/expectedCompletion(timeScale:)``).
    public var minInterval: Duration
    /// Overall deadline of the wait, from its start.
    public var timeout: Duration

    /// A policy of fixed intervals.
    public init(
        initialInterval: Duration = .seconds(3),
        multiplier: Double = 1.5,
        maxInterval: Duration = .seconds(15),
        timeout: Duration = .seconds(30 * 60)
    ) {
        self.shape = .intervals
        self.initialInterval = initialInterval
        self.multiplier = max(1, multiplier)
        self.maxInterval = max(maxInterval, initialInterval)
        self.minInterval = .milliseconds(10)
        self.timeout = timeout
    }

    /// Polls near the expected completion, at most `maxInterval` apart (30 s by default).
    public static func expectedCompletion(
        timeScale: Double = 1, maxInterval: Duration = .seconds(30), timeout: Duration = .seconds(30 * 60)
    ) -> PollPolicy {
        var policy = PollPolicy(maxInterval: maxInterval, timeout: timeout)
        policy.shape = .expectedCompletion(timeScale: timeScale > 0 && timeScale.isFinite ? timeScale : 1)
        return policy
    }

    /// Near the expected completion, 30 minutes overall.
    public static let `default` = PollPolicy.expectedCompletion()

    /// The interval after `interval` (``Shape-swift.enum/intervals``).
    func next(after interval: Duration) -> Duration {
        min(.seconds(interval.seconds * multiplier), maxInterval)
    }
}
