/// The planner and what it drafts or keys (a stage's ``StageDraftContext``, or its
/// ``PreparedStage``), as worker threads read them: through pointers, so that no worker holds
/// (and no closure a thread pool releases late keeps) a reference to a table the planner writes
/// next, which would copy it. Valid only while the planner waits for the workers and writes
/// nothing (``Planner``'s `draftRun` and `addingCacheKeys`).
struct DraftingView<Context>: @unchecked Sendable {
    let planner: UnsafePointer<Planner>
    let context: UnsafePointer<Context>
}
