/// What `status --format json` prints: the run, its stage counts and every task.
struct StatusJSON: Encodable {
    var run: RunJSON
    var stages: [StageTally]
    var tasks: [TaskJSON]
}
