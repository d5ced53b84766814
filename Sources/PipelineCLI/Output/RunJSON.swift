import Foundation
import PipelineStore

/// A run as `runs --format json` and `status --format json` print it.
struct RunJSON: Encodable {
    var id: String
    var pipeline: String
    var file: String
    var startedAt: Date
    var finishedAt: Date?
    var seconds: Double?
    var outcome: String
    var tasks: Int
    var succeeded: Int
    var cached: Int
    var failed: Int
    var skipped: Int
    var credits: Int
    var host: String
    var pid: Int32
    /// The ledger's figures of the run's paid jobs (absent when not read): the plan's estimate,
    /// what the create answers charged, what the projects finally cost, drift above 1 %, and
    /// the same per stage.
    var estimatedCredits: Int?
    var chargedCredits: Int?
    var finalCredits: Int?
    var creditsDrift: Bool?
    var creditsByStage: [StageCredits]?

    init(_ run: RunRecord, credits stages: [StageCredits]? = nil) {
        id = run.id
        pipeline = run.pipeline
        file = run.file
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        seconds = run.finishedAt.map { ($0.timeIntervalSince(run.startedAt) * 1000).rounded() / 1000 }
        outcome = run.outcome.rawValue
        tasks = run.totals.tasksTotal
        succeeded = run.totals.tasksSucceeded
        cached = run.totals.tasksCached
        failed = run.totals.tasksFailed
        skipped = run.totals.tasksSkipped
        credits = run.totals.creditsSpent
        host = run.host
        pid = run.pid
        if let stages {
            let total = StageCredits.total(stages)
            estimatedCredits = total.estimated
            chargedCredits = total.charged
            finalCredits = total.final
            creditsDrift = total.drift
            creditsByStage = stages
        }
    }
}
