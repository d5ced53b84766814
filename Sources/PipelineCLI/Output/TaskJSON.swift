import Foundation
import PipelineStore

/// A task as `status --format json` prints it.
struct TaskJSON: Encodable {
    struct Phase: Encodable {
        var phase: String
        var at: Date
    }

    var id: String
    var stage: String
    var status: String
    var cacheKey: String
    var attempts: Int
    var queuedAt: Date?
    var startedAt: Date?
    var finishedAt: Date?
    var credits: Int
    var error: String?
    var phases: [Phase]
    /// For a paid task, the ledger's view of its job: the project, the plan's estimate, what the
    /// create call charged, what the project finally cost, and whether those drift apart by more
    /// than 1 %.
    var projectID: String?
    var estimatedCredits: Int?
    var chargedCredits: Int?
    var finalCredits: Int?
    var creditsDrift: Bool?

    init(_ task: TaskRecord, job: PaidJob? = nil) {
        id = task.taskID
        stage = task.stage
        status = task.status.rawValue
        cacheKey = task.cacheKey
        attempts = task.attempts
        queuedAt = task.queuedAt
        startedAt = task.startedAt
        finishedAt = task.finishedAt
        credits = task.credits
        error = task.error
        phases = task.phases.map { Phase(phase: $0.phase, at: $0.at) }
        if let job {
            projectID = job.projectID
            estimatedCredits = job.estimatedCredits
            chargedCredits = job.projectID == nil ? nil : job.credits
            finalCredits = job.finalCredits
            creditsDrift = CreditDrift.drifts(job)
        }
    }
}
