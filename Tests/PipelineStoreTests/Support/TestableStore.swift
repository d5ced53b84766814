import Foundation
import PipelinePostgres
import PipelineStore

/// A state store the shared suite can name in its expectations (errors carry its `path`).
protocol TestableStore: StateStore {
    var path: String { get }
}

extension SQLiteStateStore: TestableStore {}
extension PostgresStateStore: TestableStore {}

extension TestableStore {
    /// A claim that must be taken, as both stores' `recordIntent` does.
    func recordIntent(
        key: String, taskID: String, runID: String, at: Date = Date(), replacingActive: Bool = false
    ) async throws {
        let claim = try await claimPaidJob(
            key: key, taskID: taskID, runID: runID, owner: .current, estimate: nil, at: at,
            replacingJobsBefore: replacingActive ? .distantFuture : nil, resubmittingUncertain: false)
        try claim.requireClaimed(key: key, path: path)
    }
}
