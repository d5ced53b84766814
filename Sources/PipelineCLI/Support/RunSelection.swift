import PipelineStore

/// Finds the run a history command is about: an exact id, a unique prefix of one, or the newest.
enum RunSelection {
    /// The run named by `id` (or its unique prefix), else the newest run (of `pipeline` when given).
    /// Prints why and exits 2 when there is none or the prefix is ambiguous.
    static func find(_ id: String?, pipeline: String?, in store: some StateStore) async throws -> RunRecord {
        guard let id else {
            let newest =
                if let pipeline { try await store.latestRun(pipeline: pipeline) } else { try await store.runs(pipeline: nil, limit: 1).first }
            guard let newest else {
                StandardStreams.error("error: no runs yet\(pipeline.map { " of \($0)" } ?? "")\n")
                throw PipelineExitCode.invalidFile
            }
            return newest
        }
        if let exact = try await store.run(id: id) { return exact }
        let matches = try await store.runs(pipeline: pipeline, limit: 100_000).filter { $0.id.hasPrefix(id) }
        switch matches.count {
        case 1:
            return matches[0]
        case 0:
            StandardStreams.error("error: no run '\(id)'; `pipeline runs` lists them\n")
        default:
            StandardStreams.error(
                "error: '\(id)' matches \(matches.count) runs (\(matches.prefix(3).map(\.id).joined(separator: ", "))…); give more of the id\n")
        }
        throw PipelineExitCode.invalidFile
    }
}
