import PipelineStore

/// What a run will do with a planned task, decided from the state store before anything runs.
///
/// The record-carrying cases are boxed: a disposition is a pointer, not a record of a few
/// hundred bytes, in the table of a million tasks that `plan` keeps.
public enum TaskDisposition: Sendable {
    /// Done before, outputs present and intact: skipped.
    indirect case cached(CacheEntry)
    /// A paid job exists for this key and may still finish (or finished without its outputs on
    /// record): its project is resumed, nothing is paid again.
    indirect case resumable(PaidJob)
    /// Another run that is still alive has claimed this paid job and is creating it: this run
    /// waits for its answer and resumes the same project (the other run pays, once).
    indirect case held(PaidJob)
    /// A create call may have been sent without its answer on record. Never resubmitted silently.
    indirect case uncertain(PaidJob)
    /// The task runs, for this reason.
    case run(RunReason)

    /// A short word for plan listings: cached, resumable, uncertain, to run.
    public var label: String {
        switch self {
        case .cached: "cached"
        case .resumable: "resumable"
        case .held: "held by another run"
        case .uncertain: "uncertain"
        case .run: "to run"
        }
    }

    /// Whether a run with this disposition may spend the task's credits.
    public var spendsCredits: Bool {
        if case .run = self { return true }
        return false
    }
}

/// Why a task runs.
public enum RunReason: String, Sendable, Codable {
    case newTask = "new task"
    case inputChanged = "input changed"
    case parametersChanged = "parameters changed"
    case changed = "inputs and parameters changed"
    case outputMissing = "output missing"
    case outputElsewhere = "done before, but its files are in another place (another pipeline or output folder)"
    case projectGone = "recorded project gone"
    case previousFailed = "previous attempt failed"
    case forced = "forced"
    case resubmitUncertain = "resubmitting an uncertain job"
}
