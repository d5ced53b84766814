/// What ``StateStore/joinWorkerRun(_:worker:lease:at:)`` did.
public struct WorkerJoin: Sendable {
    /// The run the worker now works on: the one it joined, or the one it began.
    public var run: RunRecord
    /// Whether it joined a run other workers had begun.
    public var joined: Bool
    /// Runs of the pipeline that were still marked running with no live worker: closed as crashed.
    public var closed: [RunRecord]

    public init(run: RunRecord, joined: Bool, closed: [RunRecord]) {
        self.run = run
        self.joined = joined
        self.closed = closed
    }
}
