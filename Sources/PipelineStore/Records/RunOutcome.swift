/// How a run ended, or `running` while it is under way.
public enum RunOutcome: String, Sendable, Codable, CaseIterable {
    /// The run is in progress (or its process died and no later run has noticed yet).
    case running
    /// Every task succeeded or was cached.
    case succeeded
    /// At least one task failed.
    case failed
    /// The run was stopped by a signal, or its process died.
    case interrupted
    /// The run left paid work whose fate is unknown (an intent without a project id).
    case uncertain
}
