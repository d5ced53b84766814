/// The cache keys of a run of a stage's tasks, as one worker thread worked them out for a plan
/// made without keys, with the diagnostics and file facts it gave, for the planner to take in
/// order (``Planner``'s `addingCacheKeys`).
struct KeyedPart: Sendable {
    /// The tasks' positions in the plan.
    let tasks: Range<Int>
    var keys: [TaskKeys] = []
    /// The local files each task named, as the planned paths would name them: task `n`'s are
    /// `localPaths[pathEnds[n - 1]..<pathEnds[n]]`.
    var localPaths: [String] = []
    var pathEnds: [Int] = []
    var diagnostics: [Diagnostic] = []
    /// Where each task's diagnostics end in `diagnostics`, as `pathEnds` for paths.
    var diagnosticEnds: [Int] = []
    /// The diagnostics (by index) that say a file cannot be read, with the file.
    var unreadable: [Int: String] = [:]
    var files = FileFacts()

    init(tasks: Range<Int>) {
        self.tasks = tasks
    }

    /// The local files the task at `offset` in `tasks` named.
    func localPaths(ofTaskAt offset: Int) -> ArraySlice<String> {
        localPaths[(offset == 0 ? 0 : pathEnds[offset - 1])..<pathEnds[offset]]
    }

    /// Where the diagnostics of the task at `offset` in `tasks` are in `diagnostics`.
    func diagnostics(ofTaskAt offset: Int) -> Range<Int> {
        (offset == 0 ? 0 : diagnosticEnds[offset - 1])..<diagnosticEnds[offset]
    }
}
