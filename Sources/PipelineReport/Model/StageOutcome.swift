import PipelineStore

/// How a stage fared in a run: the worst status among its tasks. Orders from best to worst.
package enum StageOutcome: String, Sendable, CaseIterable, Comparable {
    /// The stage had no task in the run (it is in the pipeline file only).
    case noTasks = "no-tasks"
    /// Every task was served from the cache.
    case cached
    /// Every task succeeded or was cached, at least one ran.
    case succeeded
    /// Some task was still queued or running when the run was recorded.
    case running
    /// Some task was skipped (a dependency failed, or the run stopped first).
    case skipped
    /// Some task left paid work whose fate is unknown.
    case uncertain
    /// Some task failed.
    case failed

    /// The outcome for a status of one task.
    package init(_ status: TaskStatus) {
        switch status {
        case .cached: self = .cached
        case .succeeded: self = .succeeded
        case .queued, .running: self = .running
        case .skipped: self = .skipped
        case .uncertain: self = .uncertain
        case .failed: self = .failed
        }
    }

    /// The worst outcome among `statuses`, or `.noTasks` when there are none.
    package static func worst(of statuses: some Sequence<TaskStatus>) -> StageOutcome {
        statuses.reduce(StageOutcome.noTasks) { Swift.max($0, StageOutcome($1)) }
    }

    /// Words for people: "all cached", "some failed"…
    package var label: String {
        switch self {
        case .noTasks: "no tasks in this run"
        case .cached: "all cached"
        case .succeeded: "succeeded"
        case .running: "unfinished"
        case .skipped: "some skipped"
        case .uncertain: "some uncertain"
        case .failed: "some failed"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: StageOutcome, rhs: StageOutcome) -> Bool { lhs.rank < rhs.rank }
}
