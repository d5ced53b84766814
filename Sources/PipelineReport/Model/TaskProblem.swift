import Foundation
import PipelineStore

/// A task that did not end well (failed, uncertain or skipped), with its message.
package struct TaskProblem: Sendable, Equatable {
    /// The task's id.
    package var taskID: String
    /// Its stage.
    package var stage: String
    /// `failed`, `uncertain` or `skipped`.
    package var status: TaskStatus
    /// Attempts made.
    package var attempts: Int
    /// When it ended, if recorded.
    package var finishedAt: Date?
    /// The recorded error (or, without one, the detail), as stored: not escaped.
    package var message: String

    /// Creates a problem entry.
    package init(taskID: String, stage: String, status: TaskStatus, attempts: Int, finishedAt: Date?, message: String) {
        self.taskID = taskID
        self.stage = stage
        self.status = status
        self.attempts = attempts
        self.finishedAt = finishedAt
        self.message = message
    }

    /// The problem a task record shows, or nil for a task that ended well.
    package init?(_ task: TaskRecord) {
        guard [.failed, .uncertain, .skipped].contains(task.status) else { return nil }
        let message = [task.error, task.detail].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty }
        self.init(
            taskID: task.taskID, stage: task.stage, status: task.status, attempts: task.attempts,
            finishedAt: task.finishedAt,
            message: message ?? "no message was recorded")
    }
}
