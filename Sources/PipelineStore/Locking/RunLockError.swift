/// Why a ``RunLock`` was not acquired.
public enum RunLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process (or another open of the file in this process) holds the lock.
    case held(holder: LockHolder, path: String)
    /// ``RunLock/wait(path:timeout:pollInterval:)`` gave up.
    case timedOut(holder: LockHolder, path: String)
    /// The lock file cannot be created or opened.
    case cannotOpen(path: String, reason: String)
    /// `flock` itself failed (other than "held").
    case lockFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let holder, let path):
            "another run of this pipeline is in progress (\(holder)); \(Self.subject(path)). It is released automatically when that process ends."
        case .timedOut(let holder, let path):
            "gave up waiting for the run lock \(path), still held by \(holder)."
        case .cannotOpen(let path, let reason):
            "cannot open the lock file \(path): \(reason). Check that its folder exists and is writable."
        case .lockFailed(let path, let reason):
            "cannot lock \(path): \(reason). File locks may not be supported on this file system."
        }
    }

    /// "lock file PATH", or "lock LOCATION" for a lock held in a database server (a URL).
    private static func subject(_ path: String) -> String {
        path.contains("://") ? "lock \(path)" : "lock file \(path)"
    }
}
