import PipelineStore

/// How many tasks have each status.
public struct StatusCounts: Sendable, Equatable {
    private var counts: [TaskStatus: Int] = [:]

    /// Counts of nothing.
    public init() {}

    /// Counts the statuses of `tasks`.
    public init(_ tasks: some Sequence<TaskRecord>) {
        for task in tasks { add(task.status) }
    }

    /// Counts one more task with `status`.
    public mutating func add(_ status: TaskStatus) {
        counts[status, default: 0] += 1
    }

    /// Tasks with `status`.
    public subscript(status: TaskStatus) -> Int { counts[status] ?? 0 }

    /// Every task counted.
    public var total: Int { counts.values.reduce(0, +) }
}
