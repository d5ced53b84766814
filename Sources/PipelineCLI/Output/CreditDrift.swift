import PipelineReport
import PipelineStore

/// Whether a paid job's credits moved away from the plan's estimate: the create answer or the
/// final cost differs from it by more than 1 % (a refund to 0 is not drift: the work failed).
enum CreditDrift {
    /// The rule is the report's (``TaskCredits/drifts(_:)``), so every view flags the same jobs.
    static func drifts(_ job: PaidJob) -> Bool? {
        TaskCredits.drifts(job)
    }

    /// `credits: estimated 360, charged 360, final 360` over `jobs`, with `(drift above 1 %)`.
    static func line(_ jobs: [PaidJob]) -> String? {
        let created = jobs.filter { $0.projectID != nil }
        guard !created.isEmpty else { return nil }
        let estimated = created.compactMap(\.estimatedCredits).reduce(0, +)
        let unpriced = created.filter { $0.estimatedCredits == nil }.count
        let charged = created.map(\.credits).reduce(0, +)
        let final = created.compactMap(\.finalCredits).reduce(0, +)
        let pending = created.filter { $0.finalCredits == nil }.count
        let unpricedNote = unpriced > 0 ? " (+\(unpriced) unpriced)" : ""
        var text = "credits: estimated \(estimated)\(unpricedNote), charged \(charged)"
        text += ", final \(final)\(pending > 0 ? " (\(pending) not final yet)" : "")"
        if created.contains(where: { drifts($0) == true }) { text += " — drift above 1 % from the estimate" }
        return text + "\n"
    }
}
