/// Where a pipeline's run locks are taken: the shape both kinds of lock share, so a caller that
/// holds a store can lock a pipeline without knowing which kind of store it is.
///
/// Errors are ``RunLockError``: `held(holder:path:)` when another process holds the lock,
/// `timedOut(holder:path:)` when ``wait(pipeline:timeout:)`` gives up.
public protocol RunLockProvider: Sendable {
    /// Takes `pipeline`'s lock at once or fails with ``RunLockError/held(holder:path:)``.
    func acquire(pipeline: String) async throws -> any RunLocking

    /// Takes `pipeline`'s lock, waiting up to `timeout` for its holder to release it.
    /// - Throws: ``RunLockError/timedOut(holder:path:)``, or `CancellationError` if cancelled.
    func wait(pipeline: String, timeout: Duration) async throws -> any RunLocking

    /// Who holds `pipeline`'s lock now, or nil when it is free.
    func currentHolder(pipeline: String) async throws -> LockHolder?
}

/// Run locks as files beside an SQLite state file (``RunLock/lockPath(stateFile:pipeline:)``).
public struct FileRunLocks: RunLockProvider {
    /// The state file the lock files sit beside.
    public let stateFile: String

    /// Locks beside `stateFile`.
    public init(stateFile: String) {
        self.stateFile = stateFile
    }

    public func acquire(pipeline: String) async throws -> any RunLocking {
        try RunLock.acquire(path: RunLock.lockPath(stateFile: stateFile, pipeline: pipeline))
    }

    public func wait(pipeline: String, timeout: Duration) async throws -> any RunLocking {
        try await RunLock.wait(path: RunLock.lockPath(stateFile: stateFile, pipeline: pipeline), timeout: timeout)
    }

    public func currentHolder(pipeline: String) async throws -> LockHolder? {
        RunLock.currentHolder(path: RunLock.lockPath(stateFile: stateFile, pipeline: pipeline))
    }
}
