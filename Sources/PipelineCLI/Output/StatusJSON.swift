/// What `status --format json` prints: the run, its stage counts, the ledger's credits per stage
/// (estimated, charged, final, drift) and every task.
struct StatusJSON: Encodable {
    var run: RunJSON
    var stages: [StageTally]
    var credits: [StageCredits]
    var tasks: [TaskJSON]
}
