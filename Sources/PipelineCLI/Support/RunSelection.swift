import PipelineStore

/// Finds the run a history command is about (see ``StateStore/findRun(_:pipeline:)``).
enum RunSelection {
    /// The run named by `id` (or its unique prefix), else the newest run (of `pipeline` when given).
    /// Prints why and exits 2 when there is none or the prefix is ambiguous.
    static func find(_ id: String?, pipeline: String?, in store: some StateStore) async throws -> RunRecord {
        do {
            return try await store.findRun(id, pipeline: pipeline)
        } catch let error as RunLookupError {
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.invalidFile
        }
    }
}
