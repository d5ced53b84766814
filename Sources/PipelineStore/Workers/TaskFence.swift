import Foundation

/// A worker's claim on one task of a shared run, as the store granted it: every state change the
/// worker writes for the task carries it, and the store refuses the write
/// (``StateStoreError/fenced(taskID:path:)``) once another worker holds a newer epoch.
public struct TaskFence: Sendable, Hashable {
    public var runID: String
    public var taskID: String
    public var worker: ProcessIdentity
    /// Grows by one each time the task is claimed; only the newest claim may write.
    public var epoch: Int

    public init(runID: String, taskID: String, worker: ProcessIdentity, epoch: Int) {
        self.runID = runID
        self.taskID = taskID
        self.worker = worker
        self.epoch = epoch
    }
}
