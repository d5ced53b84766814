import GRDB

extension StateStoreError {
    /// Translates an error thrown by GRDB into a ``StateStoreError`` naming `path`.
    /// Cancellation and errors that are already ``StateStoreError`` pass through unchanged.
    /// Only SQLite's message is kept, never the SQL or its arguments.
    static func translating(_ error: any Error, path: String, busyTimeout: Double) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        let reason = dbError.message ?? "SQLite error \(dbError.resultCode.rawValue)"
        switch dbError.resultCode {
        case .SQLITE_FULL:
            return StateStoreError.diskFull(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StateStoreError.corrupt(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StateStoreError.busy(path: path, timeoutSeconds: busyTimeout)
        case .SQLITE_CANTOPEN:
            return StateStoreError.cannotOpen(path: path, reason: reason)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StateStoreError.readOnly(path: path, reason: reason)
        case .SQLITE_IOERR:
            return StateStoreError.io(path: path, reason: reason)
        default:
            return StateStoreError.database(path: path, code: dbError.resultCode.rawValue, reason: reason)
        }
    }
}
