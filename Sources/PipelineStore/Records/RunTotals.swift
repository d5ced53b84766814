/// The counters a run stores when it finishes.
public struct RunTotals: Sendable, Equatable, Codable {
    /// Credits charged by the remote API during the run.
    public var creditsSpent: Int
    /// Tasks in the run's plan.
    public var tasksTotal: Int
    /// Tasks that ran and succeeded.
    public var tasksSucceeded: Int
    /// Tasks served from the cache.
    public var tasksCached: Int
    /// Tasks that failed.
    public var tasksFailed: Int
    /// Tasks skipped because a dependency failed (or the run stopped first).
    public var tasksSkipped: Int

    /// Creates totals; every counter defaults to zero.
    public init(
        creditsSpent: Int = 0,
        tasksTotal: Int = 0,
        tasksSucceeded: Int = 0,
        tasksCached: Int = 0,
        tasksFailed: Int = 0,
        tasksSkipped: Int = 0
    ) {
        self.creditsSpent = creditsSpent
        self.tasksTotal = tasksTotal
        self.tasksSucceeded = tasksSucceeded
        self.tasksCached = tasksCached
        self.tasksFailed = tasksFailed
        self.tasksSkipped = tasksSkipped
    }
}
