/// The planner and the stage it drafts, as worker threads read them: through pointers, so that
/// no worker holds (and no closure a thread pool releases late keeps) a reference to a table the
/// planner writes next, which would copy it. Valid only while the planner waits for the workers
/// and writes nothing (``Planner``'s `draftRun`).
struct DraftingView: @unchecked Sendable {
    let planner: UnsafePointer<Planner>
    let context: UnsafePointer<StageDraftContext>
}
