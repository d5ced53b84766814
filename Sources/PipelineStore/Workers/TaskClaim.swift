import Foundation

/// What ``StateStore/claimTask(runID:taskID:worker:lease:at:)`` found.
public enum TaskClaim: Sendable, Equatable {
    /// The task is this worker's until its lease ends (renewed by ``StateStore/renewWorkerLease(runID:worker:lease:at:)``).
    case claimed(TaskFence)
    /// Another worker holds it and its lease has not ended.
    case held(by: ProcessIdentity, until: Date)
    /// A worker of the run finished it (succeeded, or failed for good).
    case finished(TaskStatus)
}
