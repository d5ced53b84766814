extension SQLiteStateStore {
    /// The kernel file lock `<state file>.<pipeline>.lock` beside the store (see ``RunLock``).
    public func lockRun(pipeline: String, waitingUpTo: Duration?, shared: Bool) async throws -> any RunLocking {
        let lockPath = RunLock.lockPath(stateFile: path, pipeline: pipeline)
        guard let waitingUpTo else { return try RunLock.acquire(path: lockPath, shared: shared) }
        return try await RunLock.wait(path: lockPath, timeout: waitingUpTo, shared: shared)
    }
}
