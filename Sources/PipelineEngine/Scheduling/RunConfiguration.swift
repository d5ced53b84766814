import Foundation

/// How a run schedules its tasks.
public struct RunConfiguration: Sendable {
    public var runID: String
    /// The pipeline file's folder (absolute).
    public var baseDirectory: String
    /// Tasks in flight at once, all stages together.
    public var maxParallel: Int
    /// Stop starting tasks at the first failure.
    public var failFast: Bool
    /// Tasks in flight for CPU-bound stages (resizing); defaults to the core count.
    public var cpuParallel: Int
    /// Whether `--force` may pay again for work already paid for.
    public var replacingPaidWork: Bool
    /// Seconds before the first retry when a stage sets no `backoff` (scaled in tests).
    public var backoffScale: Double
    /// When the run started: `--force` pays again only for work recorded before it.
    public var startedAt: Date

    public init(
        runID: String, baseDirectory: String, maxParallel: Int, failFast: Bool = false,
        cpuParallel: Int = ProcessInfo.processInfo.activeProcessorCount, replacingPaidWork: Bool = false,
        backoffScale: Double = 1, startedAt: Date = Date()
    ) {
        self.runID = runID
        self.baseDirectory = baseDirectory
        self.maxParallel = max(1, maxParallel)
        self.failFast = failFast
        self.cpuParallel = max(1, cpuParallel)
        self.replacingPaidWork = replacingPaidWork
        self.backoffScale = backoffScale
        self.startedAt = startedAt
    }
}
