import PipelineStore

/// One stage's tasks of a run, counted by status.
struct StageTally: Encodable {
    var name: String
    var tasks = 0
    /// The tasks by status.
    var counts = TaskStatusCounts()
    var credits = 0

    var succeeded: Int { counts.succeeded }
    var cached: Int { counts.cached }
    var failed: Int { counts.failed }
    var skipped: Int { counts.skipped }
    var uncertain: Int { counts.uncertain }
    var running: Int { counts.running }

    /// Stages in `order` first (the plan's order), then any others in order of appearance.
    static func tally(_ records: [TaskRecord], order: [String]) -> [StageTally] {
        var byName: [String: StageTally] = [:]
        var names = order
        for record in records {
            if byName[record.stage] == nil {
                byName[record.stage] = StageTally(name: record.stage)
                if !names.contains(record.stage) { names.append(record.stage) }
            }
            byName[record.stage]!.add(record)
        }
        return names.compactMap { byName[$0] }
    }

    private mutating func add(_ record: TaskRecord) {
        tasks += 1
        credits += record.credits
        counts.add(record.status)
    }

    /// `status --format json` writes the counts flat, next to the name (as before they had a type).
    private enum CodingKeys: String, CodingKey {
        case name, tasks, succeeded, cached, failed, skipped, uncertain, running, credits
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(counts.succeeded, forKey: .succeeded)
        try container.encode(counts.cached, forKey: .cached)
        try container.encode(counts.failed, forKey: .failed)
        try container.encode(counts.skipped, forKey: .skipped)
        try container.encode(counts.uncertain, forKey: .uncertain)
        try container.encode(counts.running, forKey: .running)
        try container.encode(credits, forKey: .credits)
    }
}
