/// A held run lock, whatever keeps it: a kernel file lock (``RunLock``) beside an SQLite state
/// file, or a PostgreSQL session advisory lock for a shared store. Both promise the same: one
/// holder per pipeline, released by ``release()`` or, when the holder dies, by the kernel or the
/// server, so a stale lock never needs removing by hand.
public protocol RunLocking: AnyObject, Sendable {
    /// Who holds it: this process.
    var holder: LockHolder { get }
    /// True until ``release()``.
    var isHeld: Bool { get }
    /// Releases the lock. Safe to call more than once.
    func release() async
}

extension RunLock: RunLocking {}
