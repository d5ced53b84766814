/// `schedule:` — when cron runs the pipeline and what an overlapping run does.
public struct Schedule: Sendable, Hashable {
    /// What a run does when the previous run still holds the pipeline's lock.
    public enum OverlapPolicy: String, Sendable, Hashable, CaseIterable {
        /// Print why and exit with the documented "lock held" code.
        case skip
        /// Wait for the lock, up to `waitTimeout`.
        case wait
    }

    public var cron: CronExpression
    public var overlap: OverlapPolicy
    /// How long `overlap: wait` waits for the lock, in seconds.
    public var waitTimeout: Double
    public var location: SourceLocation

    public static let defaultWaitTimeout: Double = 3600
}
