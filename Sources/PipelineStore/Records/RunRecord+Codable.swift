import Foundation

/// A run record encodes flat, as it did before ``RunRecord/totals`` held the counters: the
/// counters sit next to the other fields, under their own names.
extension RunRecord {
    private enum CodingKeys: String, CodingKey {
        case id, pipeline, file, startedAt, finishedAt, outcome
        case creditsSpent, tasksTotal, tasksSucceeded, tasksCached, tasksFailed, tasksSkipped
        case host, pid, processStartTicks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            pipeline: try container.decode(String.self, forKey: .pipeline),
            file: try container.decode(String.self, forKey: .file),
            startedAt: try container.decode(Date.self, forKey: .startedAt),
            finishedAt: try container.decodeIfPresent(Date.self, forKey: .finishedAt),
            outcome: try container.decode(RunOutcome.self, forKey: .outcome),
            totals: RunTotals(
                creditsSpent: try container.decode(Int.self, forKey: .creditsSpent),
                tasksTotal: try container.decode(Int.self, forKey: .tasksTotal),
                tasksSucceeded: try container.decode(Int.self, forKey: .tasksSucceeded),
                tasksCached: try container.decode(Int.self, forKey: .tasksCached),
                tasksFailed: try container.decode(Int.self, forKey: .tasksFailed),
                tasksSkipped: try container.decode(Int.self, forKey: .tasksSkipped)),
            host: try container.decode(String.self, forKey: .host),
            pid: try container.decode(Int32.self, forKey: .pid),
            processStartTicks: try container.decodeIfPresent(Int64.self, forKey: .processStartTicks))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(pipeline, forKey: .pipeline)
        try container.encode(file, forKey: .file)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(totals.creditsSpent, forKey: .creditsSpent)
        try container.encode(totals.tasksTotal, forKey: .tasksTotal)
        try container.encode(totals.tasksSucceeded, forKey: .tasksSucceeded)
        try container.encode(totals.tasksCached, forKey: .tasksCached)
        try container.encode(totals.tasksFailed, forKey: .tasksFailed)
        try container.encode(totals.tasksSkipped, forKey: .tasksSkipped)
        try container.encode(host, forKey: .host)
        try container.encode(pid, forKey: .pid)
        try container.encodeIfPresent(processStartTicks, forKey: .processStartTicks)
    }
}
