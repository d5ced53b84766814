import PipelineStore

/// One stage's paid jobs in a run, as the ledger has them: the plan's estimate, what the create
/// answers charged, what the projects finally cost, and whether they drift from the estimate by
/// more than 1 %. Only jobs the run created (with a project) count.
struct StageCredits: Encodable, Equatable {
    var stage: String
    var jobs: Int
    /// The plan's estimate of the priced jobs.
    var estimated: Int
    /// Jobs without a published price (no estimate).
    var unpriced: Int
    var charged: Int
    /// Final credits of the jobs that have them (complete, or refunded to 0).
    var final: Int
    /// Jobs whose project has no final figure yet.
    var pending: Int
    var drift: Bool

    enum CodingKeys: String, CodingKey {
        case stage, jobs, drift
        case estimated = "estimated_credits"
        case unpriced = "unpriced_jobs"
        case charged = "charged_credits"
        case final = "final_credits"
        case pending = "pending_final"
    }

    /// Stages in the order of `tasks`, each with its jobs of `jobs` (by cache key).
    static func tally(_ tasks: [TaskRecord], jobs: [String: PaidJob]) -> [StageCredits] {
        var order: [String] = []
        var byStage: [String: [PaidJob]] = [:]
        var seen: Set<String> = []
        for task in tasks {
            guard let job = jobs[task.cacheKey], job.projectID != nil, seen.insert(task.cacheKey).inserted else {
                continue
            }
            if byStage[task.stage] == nil { order.append(task.stage) }
            byStage[task.stage, default: []].append(job)
        }
        return order.map { stage in
            let created = byStage[stage] ?? []
            return StageCredits(
                stage: stage, jobs: created.count, estimated: created.compactMap(\.estimatedCredits).reduce(0, +),
                unpriced: created.filter { $0.estimatedCredits == nil }.count,
                charged: created.map(\.credits).reduce(0, +), final: created.compactMap(\.finalCredits).reduce(0, +),
                pending: created.filter { $0.finalCredits == nil }.count,
                drift: created.contains { CreditDrift.drifts($0) == true })
        }
    }

    /// The whole run: every stage added up.
    static func total(_ stages: [StageCredits]) -> StageCredits {
        StageCredits(
            stage: "total", jobs: stages.map(\.jobs).reduce(0, +), estimated: stages.map(\.estimated).reduce(0, +),
            unpriced: stages.map(\.unpriced).reduce(0, +), charged: stages.map(\.charged).reduce(0, +),
            final: stages.map(\.final).reduce(0, +), pending: stages.map(\.pending).reduce(0, +),
            drift: stages.contains(where: \.drift))
    }

    /// `360`, or `360 + 1 unpriced`.
    var estimatedText: String { unpriced > 0 ? "\(estimated) + \(unpriced) unpriced" : "\(estimated)" }

    /// `372`, or `372 (1 pending)`.
    var finalText: String { pending > 0 ? "\(final) (\(pending) pending)" : "\(final)" }

    /// The status table: stage, jobs, estimated, charged, final, and `drift > 1 %` where it drifts.
    static func table(_ stages: [StageCredits]) -> String {
        var table = TextTable("STAGE", "PAID JOBS>", "ESTIMATED>", "CHARGED>", "FINAL>", "DRIFT")
        for row in stages + (stages.count > 1 ? [total(stages)] : []) {
            table.add(
                row.stage, "\(row.jobs)", row.estimatedText, "\(row.charged)", row.finalText,
                row.drift ? "above 1 %" : "-")
        }
        return table.render()
    }
}
