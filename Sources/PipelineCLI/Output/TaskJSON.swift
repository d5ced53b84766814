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

    init(_ task: TaskRecord) {
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
    }
}
