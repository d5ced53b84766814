import Foundation
import PipelineBasics

/// Exponential backoff with jitter for requests that are safe to repeat.
///
/// The delay before retry `n` (1-based) is `min(initialDelay × multiplierⁿ⁻¹, maxDelay)`, spread by
/// ± `jitter` (a fraction). A `Retry-After` header, when present, replaces the computed delay
/// (capped at `maxRetryAfter`).
public struct RetryPolicy: Sendable, Equatable {
    /// Total attempts, the first one included. 1 disables retries.
    public var maxAttempts: Int
    /// Delay before the first retry.
    public var initialDelay: Duration
    /// Growth factor between retries.
    public var multiplier: Double
    /// Upper bound of the computed delay.
    public var maxDelay: Duration
    /// Random spread of each delay, as a fraction of it (0.2 = ±20 %).
    public var jitter: Double
    /// Upper bound of a delay asked for by `Retry-After`.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 5,
        initialDelay: Duration = .seconds(1),
        multiplier: Double = 2,
        maxDelay: Duration = .seconds(30),
        jitter: Double = 0.2,
        maxRetryAfter: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.jitter = min(max(0, jitter), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    /// 5 attempts, 1 s growing ×2 up to 30 s, ±20 % jitter.
    public static let `default` = RetryPolicy()
    /// A single attempt.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before retry number `retry` (1 = first retry), jitter included.
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maxRetryAfter)
        }
        let base = initialDelay.seconds * pow(multiplier, Double(max(0, retry - 1)))
        let capped = min(base, maxDelay.seconds)
        let spread = jitter == 0 ? 1 : Double.random(in: (1 - jitter)...(1 + jitter))
        return .seconds(max(0, capped * spread))
    }
}
