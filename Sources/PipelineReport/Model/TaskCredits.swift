import PipelineStore

/// One paid task's credits as the ledger has them: the plan's estimate, what the create answer
/// charged, and what the project finally cost (0 when refunded).
package struct TaskCredits: Sendable, Equatable {
    package var taskID: String
    package var stage: String
    package var projectID: String?
    /// `nil` for a model without a published price.
    package var estimated: Int?
    package var charged: Int
    /// `nil` until the project ends.
    package var final: Int?
    /// Whether the charged or the final figure is more than 1 % away from the estimate.
    package var drift: Bool

    package init(task: TaskRecord, job: PaidJob) {
        taskID = task.taskID
        stage = task.stage
        projectID = job.projectID
        estimated = job.estimatedCredits
        charged = job.credits
        final = job.finalCredits
        drift = Self.drifts(job) ?? false
    }

    /// Whether a paid job's credits moved away from the plan's estimate: the create answer or the
    /// final cost differs from it by more than 1 % (a refund to 0 is not drift: the work failed).
    /// `nil` when there is nothing to compare (no estimate, or no project).
    package static func drifts(_ job: PaidJob) -> Bool? {
        guard let estimate = job.estimatedCredits, job.projectID != nil else { return nil }
        let figures = [job.credits] + (job.finalCredits.map { $0 == 0 && job.state == .failed ? [] : [$0] } ?? [])
        return figures.contains { abs($0 - estimate) * 100 > max(estimate, 1) }
    }
}
