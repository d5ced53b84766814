extension StateStore {
    /// The run a person names: the run with id `id`, else the one run whose id starts with it;
    /// without an id, the newest run (of `pipeline` when given).
    ///
    /// - Throws: ``RunLookupError`` when there is no such run or the prefix is ambiguous, and the
    ///   store's own errors when it cannot be read.
    public func findRun(_ id: String?, pipeline: String?) async throws -> RunRecord {
        guard let id else {
            let newest =
                if let pipeline { try await latestRun(pipeline: pipeline) } else {
                    try await runs(pipeline: nil, limit: 1).first
                }
            guard let newest else { throw RunLookupError.noRuns(pipeline: pipeline) }
            return newest
        }
        if let exact = try await run(id: id) { return exact }
        let matches = try await runs(pipeline: pipeline, limit: 100_000).filter { $0.id.hasPrefix(id) }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw RunLookupError.notFound(id: id)
        default: throw RunLookupError.ambiguous(prefix: id, count: matches.count, examples: matches.prefix(3).map(\.id))
        }
    }
}
