/// A run of a stage's work as one worker thread drafted it: each task, the diagnostics each
/// gave, and what the worker learned of files, for the planner to take in the work's order.
struct DraftedPart: Sendable {
    /// One numbered piece of work that left something to take: a task, a diagnostic, or a local
    /// file it named (which an earlier task of the stage may turn out to write).
    struct Entry: Sendable {
        /// The work's number in its stage (``StageDraftContext``).
        let work: Int
        let task: TaskDraft?
        /// Where its parameter values start in `values` (one per parameter of the stage).
        let valuesStart: Int
        let diagnostics: Range<Int>
        let localPaths: Range<Int>
    }

    var entries: [Entry] = []
    /// Every task's parameter values, one after another, in the stage's parameter order.
    var values: [Value?] = []
    var diagnostics: [Diagnostic] = []
    /// The local files the work named, as the planned paths would name them.
    var localPaths: [String] = []
    /// The diagnostics (by index) that say a file cannot be read, with the file: only the first
    /// task of the plan naming it reports it.
    var unreadable: [Int: String] = [:]
    var files = FileFacts()
}
