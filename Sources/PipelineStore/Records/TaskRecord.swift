import Foundation

/// One task of one run. Stored by `(runID, taskID)`; recording it again replaces it.
public struct TaskRecord: Sendable, Equatable, Codable {
    /// The run the task belongs to.
    public var runID: String
    /// The task's id in the plan (stable across runs).
    public var taskID: String
    /// The stage the task belongs to.
    public var stage: String
    /// The task's cache key.
    public var cacheKey: String
    /// Where the task stands.
    public var status: TaskStatus
    /// Attempts made so far.
    public var attempts: Int
    /// When it became ready.
    public var queuedAt: Date?
    /// When its latest attempt started.
    public var startedAt: Date?
    /// When it finished.
    public var finishedAt: Date?
    /// Credits charged for it in this run.
    public var credits: Int
    /// The last error, for failed tasks.
    public var error: String?
    /// Free-form detail (skip reason, cache reason, project id…).
    public var detail: String?
    /// When the task entered each phase of its work (uploading, rendering, downloading…), in order.
    public var phases: [TaskPhaseMark]

    /// Creates a task record.
    public init(
        runID: String,
        taskID: String,
        stage: String,
        cacheKey: String,
        status: TaskStatus,
        attempts: Int = 0,
        queuedAt: Date? = nil,
        startedAt: Date? = nil,
        finishedAt: Date? = nil,
        credits: Int = 0,
        error: String? = nil,
        detail: String? = nil,
        phases: [TaskPhaseMark] = []
    ) {
        self.runID = runID
        self.taskID = taskID
        self.stage = stage
        self.cacheKey = cacheKey
        self.status = status
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.credits = credits
        self.error = error
        self.detail = detail
        self.phases = phases
    }
}
