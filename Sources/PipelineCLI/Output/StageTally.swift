import PipelineStore

/// One stage's tasks of a run, counted by status.
struct StageTally: Encodable {
    var name: String
    var tasks = 0
    var succeeded = 0
    var cached = 0
    var failed = 0
    var skipped = 0
    var uncertain = 0
    var running = 0
    var credits = 0

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
        switch record.status {
        case .succeeded: succeeded += 1
        case .cached: cached += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        case .uncertain: uncertain += 1
        case .running, .queued: running += 1
        }
    }
}
