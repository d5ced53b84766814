/// SQLite's `PRAGMA synchronous` setting for the state store's writes.
public enum SynchronousMode: String, Sendable, CaseIterable {
    /// WAL with `synchronous=NORMAL`: a commit is in the operating system's page cache when it
    /// returns, so it survives any crash of the process (including SIGKILL) but can be lost if
    /// the machine loses power before the next checkpoint. No fsync per commit, so thousands of
    /// commits per second. The default.
    case normal = "NORMAL"
    /// `synchronous=FULL`: every commit is fsynced before it returns, so it survives power loss
    /// too, at the price of one fsync per state change.
    case full = "FULL"
}
