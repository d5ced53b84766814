/// Where a task of a run stands.
public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    /// Ready to start, waiting for a concurrency slot.
    case queued
    /// In flight.
    case running
    /// Ran and succeeded.
    case succeeded
    /// Served from the cache without doing the work.
    case cached
    /// Failed after every attempt.
    case failed
    /// Not run: a dependency failed, or the run stopped first.
    case skipped
    /// Paid work whose fate is unknown (an intent without a project id).
    case uncertain
}
