/// What a worker keeps while it drafts tasks: its own diagnostics and key writer, the buffers
/// each task reuses, and what it learns of files (the planner's tables stay unwritten until the
/// drafts are taken).
struct DraftScratch {
    var sink = DiagnosticSink()
    var keyWriter = CacheKeyWriter()
    /// The current task's parameter values in its stage's order (`PreparedStage.parameters`), and
    /// where each file parameter's file comes from: filled by `resolveParameters` for `cacheKey`.
    var resolvedValues: [Value?] = []
    var fileOrigins: [FileOrigin?] = []
    /// The mapping `resolveParameters` gave the previous task, handed back for the next to reuse.
    var parameters: [String: Value] = [:]
    /// The local files the current task names, as the planned paths would name them.
    var localPaths: [String] = []
    /// Diagnostics (by index in `sink`) saying a file cannot be read, with the file.
    var unreadable: [Int: String] = [:]
    var files = FileFacts()
}
