/// How a run ended, or `running` while it is under way.
public enum RunOutcome: String, Sendable, Codable, CaseIterable {
    /// The run is in progress (or its process died and no later run has noticed yet).
    case running
    /// Every task succeeded or was cached.
    case succeeded
    /// At least one task failed.
    case failed
    /// The run was stopped by a signal (SIGINT, SIGTERM) and closed itself.
    case interrupted
    /// The run's process died without closing the run (SIGKILL, a power cut); a later command
    /// found it and closed it with the credits its paid jobs recorded.
    case crashed
    /// The run left paid work whose fate is unknown (an intent without a project id).
    case uncertain
}

extension RunOutcome {
    /// The more serious of two outcomes (interrupted, crashed, failed, uncertain, succeeded, running).
    public static func worst(_ a: RunOutcome, _ b: RunOutcome) -> RunOutcome {
        let order: [RunOutcome] = [.interrupted, .crashed, .failed, .uncertain, .succeeded, .running]
        return order.firstIndex(of: a)! <= order.firstIndex(of: b)! ? a : b
    }

    /// The outcome a run's task rows (counted by status) say: failed, uncertain, or succeeded.
    package static func fromTaskCounts(_ counts: [String: Int]) -> RunOutcome {
        if counts[TaskStatus.failed.rawValue, default: 0] > 0 { return .failed }
        if counts[TaskStatus.uncertain.rawValue, default: 0] > 0 { return .uncertain }
        return .succeeded
    }
}
