import Foundation

/// One execution of a pipeline file.
public struct RunRecord: Sendable, Equatable, Codable {
    /// Unique run id, chosen by the engine.
    public var id: String
    /// The pipeline's `name`.
    public var pipeline: String
    /// The pipeline file, as given on the command line or made absolute by the engine.
    public var file: String
    /// When the run began.
    public var startedAt: Date
    /// When the run ended, `nil` while running.
    public var finishedAt: Date?
    /// How the run ended.
    public var outcome: RunOutcome
    /// The run's counters (credits and tasks by outcome).
    public var totals: RunTotals
    /// Host name of the machine that ran it.
    public var host: String
    /// Process id of the run.
    public var pid: Int32
    /// When the run's process started, in clock ticks since boot (tells a reused pid apart).
    public var processStartTicks: Int64?

    /// Creates a run record; counters default to zero and the outcome to `running`.
    public init(
        id: String,
        pipeline: String,
        file: String,
        startedAt: Date,
        finishedAt: Date? = nil,
        outcome: RunOutcome = .running,
        totals: RunTotals = RunTotals(),
        host: String,
        pid: Int32,
        processStartTicks: Int64? = nil
    ) {
        self.id = id
        self.pipeline = pipeline
        self.file = file
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.totals = totals
        self.host = host
        self.pid = pid
        self.processStartTicks = processStartTicks
    }

    /// The process that runs (or ran) it.
    public var process: ProcessIdentity {
        ProcessIdentity(host: host, pid: pid, startTicks: processStartTicks)
    }
}
