/// Tasks counted by status: the one tally that the report's stages, `status`'s stage rows, the
/// live board and the closing table share (each adds its own totals and credits around it).
public struct TaskStatusCounts: Sendable, Equatable {
    /// Tasks per status; a status without tasks has no entry.
    private var byStatus: [TaskStatus: Int] = [:]

    /// No task counted yet.
    public init() {}

    /// Counts the statuses of `tasks`.
    public init(_ tasks: some Sequence<TaskRecord>) {
        for task in tasks { add(task.status) }
    }

    /// Tasks with `status`.
    public subscript(status: TaskStatus) -> Int { byStatus[status] ?? 0 }

    /// Every task counted.
    public var total: Int { byStatus.values.reduce(0, +) }

    /// Tasks that ran and succeeded.
    public var succeeded: Int { self[.succeeded] }
    /// Tasks served from the cache.
    public var cached: Int { self[.cached] }
    /// Tasks that failed.
    public var failed: Int { self[.failed] }
    /// Tasks skipped (a dependency failed, a condition was false, or the run stopped first).
    public var skipped: Int { self[.skipped] }
    /// Paid tasks whose outcome is unknown.
    public var uncertain: Int { self[.uncertain] }
    /// Tasks queued or under way.
    public var running: Int { self[.queued] + self[.running] }
    /// Tasks that reached an end: succeeded, cached, failed, skipped or uncertain.
    public var finished: Int { total - running }

    /// Counts one more task with `status`.
    public mutating func add(_ status: TaskStatus) {
        byStatus[status, default: 0] += 1
    }

    /// A running task ended with `status`: one fewer running (never below zero), one more `status`.
    public mutating func finish(as status: TaskStatus) {
        if let running = byStatus[.running] {
            byStatus[.running] = running > 1 ? running - 1 : nil
        }
        add(status)
    }

    /// Adds another tally's counts to this one.
    public mutating func add(_ other: TaskStatusCounts) {
        for (status, count) in other.byStatus { byStatus[status, default: 0] += count }
    }
}
