/// A pipeline's run lock, held for the length of a run: a kernel file lock beside a SQLite store
/// (``RunLock``), or a session advisory lock on a PostgreSQL server. Either is released by the
/// system when its holder dies, so a lock is never stale.
public protocol RunLocking: Sendable {
    /// Who holds it (this process).
    var holder: LockHolder { get }
    /// Gives the lock up; safe to call more than once. It returns at once (a server-side lock may
    /// be released a moment later, as its connection closes).
    func release()
}

extension RunLock: RunLocking {}
