import Foundation
import PipelineStore

/// The exactly-once journal of one task's paid work, as an executor sees it.
///
/// The order is the contract: ``recordIntent()`` before the create call, ``recordSubmitted(projectID:credits:)``
/// as soon as it answers (durable when it returns), then ``update(_:status:error:)``. A later
/// run finds the project id and resumes it instead of paying again.
public struct PaidWorkJournal: Sendable {
    public let key: String
    public let taskID: String
    public let runID: String
    /// Whether `--force` asked to pay again for work that is already paid for.
    public let replacingActive: Bool
    let store: any StateStore

    public init(key: String, taskID: String, runID: String, replacingActive: Bool, store: any StateStore) {
        self.key = key
        self.taskID = taskID
        self.runID = runID
        self.replacingActive = replacingActive
        self.store = store
    }

    /// The job recorded for this task's key, if any.
    public func existing() async throws -> PaidJob? {
        try await store.paidJob(key: key)
    }

    /// Records that a create call is about to be sent.
    public func recordIntent() async throws {
        try await store.recordIntent(
            key: key, taskID: taskID, runID: runID, at: Date(), replacingActive: replacingActive)
    }

    /// Records the project the create call answered with; durable on return.
    public func recordSubmitted(projectID: String, credits: Int) async throws {
        try await store.recordSubmitted(key: key, projectID: projectID, credits: credits, at: Date())
    }

    /// Records the job's new state.
    public func update(_ state: PaidJob.State, status: String?, error: String? = nil) async throws {
        try await store.updatePaidJob(key: key, state: state, lastStatus: status, lastError: error, at: Date())
    }
}
