extension StateStore {
    /// The cache key a person names: the one key that starts with `prefix` (among `stages`'
    /// entries when any are given). A key with entries at several locations is one key.
    ///
    /// - Throws: ``CacheKeyLookupError`` when no key or several keys match, and the store's own
    ///   errors when it cannot be read.
    public func findCacheKey(_ prefix: String, stages: [String] = []) async throws -> String {
        let keys = Set(
            try await allCacheEntries()
                .filter { $0.key.hasPrefix(prefix) && (stages.isEmpty || stages.contains($0.stage)) }
                .map(\.key))
        guard keys.count == 1, let key = keys.first else {
            throw keys.isEmpty
                ? CacheKeyLookupError.notFound(prefix: prefix)
                : CacheKeyLookupError.ambiguous(prefix: prefix, count: keys.count)
        }
        return key
    }
}
