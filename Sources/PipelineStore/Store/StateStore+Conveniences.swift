import Foundation

extension StateStore {
    /// The cache entry for a key at a location (empty: a task that writes no file).
    public func cacheEntry(key: String, location: String = "") async throws -> CacheEntry? {
        try await cacheEntries(keys: [key])[key]?.first { $0.location == location }
    }

    /// Records the create call's answer, stamped now.
    public func recordSubmitted(key: String, projectID: String, credits: Int) async throws {
        try await recordSubmitted(key: key, projectID: projectID, credits: credits, at: Date())
    }

    /// Records a job's new state and the status/error last seen, its cost left as it was.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no entry exists for `key`.
    public func updatePaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, at: Date
    ) async throws {
        try await finishPaidJob(
            key: key, state: state, lastStatus: lastStatus, lastError: lastError, finalCredits: nil, at: at)
    }

    /// Records a job's new state, stamped now.
    public func updatePaidJob(
        key: String, state: PaidJob.State, lastStatus: String? = nil, lastError: String? = nil
    ) async throws {
        try await updatePaidJob(key: key, state: state, lastStatus: lastStatus, lastError: lastError, at: Date())
    }

    /// The newest runs of every pipeline (at most `limit`).
    public func runs(limit: Int = 50) async throws -> [RunRecord] {
        try await runs(pipeline: nil, limit: limit)
    }
}
