import PipelineStore

/// Run locks as PostgreSQL session advisory locks (``PostgresRunLock``) in a shared store.
public struct PostgresRunLocks: RunLockProvider {
    /// The store whose pipelines are locked.
    public let location: PostgresLocation

    /// Locks for the store at `location`.
    public init(location: PostgresLocation) {
        self.location = location
    }

    public func acquire(pipeline: String) async throws -> any RunLocking {
        try await PostgresRunLock.acquire(location: location, pipeline: pipeline)
    }

    public func wait(pipeline: String, timeout: Duration) async throws -> any RunLocking {
        try await PostgresRunLock.wait(location: location, pipeline: pipeline, timeout: timeout)
    }

    public func currentHolder(pipeline: String) async throws -> LockHolder? {
        try await PostgresRunLock.currentHolder(location: location, pipeline: pipeline)
    }
}
