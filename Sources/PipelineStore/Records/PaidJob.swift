import Foundation

/// One entry of the exactly-once journal of paid remote jobs (Magic Hour projects).
///
/// The engine records the intent *before* the create call, the project id right after it
/// answers, then the job's progress. An intent without a project id is *uncertain*: the process
/// may have died after the API created (and charged) the project but before its id was stored.
public struct PaidJob: Sendable, Equatable, Codable {
    /// Where a paid job stands.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// About to call create; no project id yet.
        case intent
        /// Created: the project id and credits are known.
        case submitted
        /// The project completed.
        case complete
        /// The project failed (credits refunded).
        case failed
        /// The project was canceled.
        case canceled
        /// The API no longer knows the recorded project (404): buying it again costs credits, so
        /// only a later run whose plan shows and budgets it does.
        case gone
    }

    /// The task's cache key.
    public var key: String
    /// The task id that created it.
    public var taskID: String
    /// The run that created it.
    public var runID: String
    /// Where it stands.
    public var state: State
    /// The remote project id, once known.
    public var projectID: String?
    /// Credits the create call charged.
    public var credits: Int
    /// When the intent was recorded.
    public var intentAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// The last status the API reported.
    public var lastStatus: String?
    /// The last error seen for it.
    public var lastError: String?
    /// The process that holds (or held) the claim, when recorded.
    public var owner: ProcessIdentity?
    /// The plan's estimate of the job's credits, nil when unpriced (or recorded before estimates).
    public var estimatedCredits: Int?
    /// What the project finally cost, read when it ended (0 when it failed and was refunded).
    public var finalCredits: Int?

    /// Creates a paid-job entry.
    public init(
        key: String,
        taskID: String,
        runID: String,
        state: State,
        projectID: String? = nil,
        credits: Int = 0,
        intentAt: Date,
        updatedAt: Date,
        lastStatus: String? = nil,
        lastError: String? = nil,
        owner: ProcessIdentity? = nil,
        estimatedCredits: Int? = nil,
        finalCredits: Int? = nil
    ) {
        self.key = key
        self.taskID = taskID
        self.runID = runID
        self.state = state
        self.projectID = projectID
        self.credits = credits
        self.intentAt = intentAt
        self.updatedAt = updatedAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.owner = owner
        self.estimatedCredits = estimatedCredits
        self.finalCredits = finalCredits
    }

    /// True for an intent without a project id: the create call may or may not have happened.
    public var isUncertain: Bool { state == .intent && projectID == nil }

    /// Whether the run that owns this job is still at work, given that run's outcome in the store
    /// (nil: no run row): its row says running and its process has not gone. Another host's
    /// process counts as alive (this machine cannot tell, and waiting never pays twice); an
    /// intent from before claims had owners is judged by its run row alone.
    public func ownerIsAtWork(runOutcome: RunOutcome?) -> Bool {
        guard runOutcome == .running else { return false }
        return (owner?.liveness ?? .alive) != .gone
    }

    /// True while a remote project exists and may still finish (submitted, not yet final).
    public var isResumable: Bool { state == .submitted && projectID != nil }
}
