import PipelineBasics

/// Everything that can go wrong with the state store. Every message names the state file (or,
/// for a server, its address without credentials: `postgres://user@host:port/db`) and says what
/// to do. Messages never contain SQL arguments or passwords.
public enum StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or its folder) cannot be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database, or is damaged.
    case corrupt(path: String, reason: String)
    /// Creating or upgrading the schema failed.
    case migrationFailed(path: String, reason: String)
    /// The file was written by a newer version of `pipeline`.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The disk (or quota) is full.
    case diskFull(path: String)
    /// Another process kept the database locked longer than the busy timeout.
    case busy(path: String, timeoutSeconds: Double)
    /// The file or its folder is read-only.
    case readOnly(path: String, reason: String)
    /// An I/O error from the operating system.
    case io(path: String, reason: String)
    /// A row holds a value this version does not understand.
    case invalidData(path: String, reason: String)
    /// A record with that identity already exists.
    case duplicate(what: String, path: String)
    /// No record with that identity exists.
    case notFound(what: String, path: String)
    /// A claim that had to be taken (``StateStore/recordIntent(key:taskID:runID:at:replacingActive:)``) met a job that
    /// was already created remotely.
    case paidJobConflict(key: String, state: PaidJob.State, projectID: String?, path: String)
    /// A worker wrote for a task whose claim another worker has taken over since (its lease ran
    /// out): the write was refused, the newer claim's state stands.
    case fenced(taskID: String, path: String)
    /// Any other SQLite error.
    case database(path: String, code: Int32, reason: String)
    /// The database server cannot be reached (refused, unknown host, no answer within the timeout),
    /// or the connection to it was lost.
    case unreachable(path: String, reason: String)
    /// The database server refused us: wrong password, unknown user or database, no permission.
    case rejected(path: String, reason: String)
    /// Any other error from a database server, with its SQLSTATE code.
    case server(path: String, sqlState: String, reason: String)

    /// Whether the same write may pass if tried again a moment later: the server could not be
    /// reached (it restarts, the network blinked) or the database was busy.
    public var mayPassOnRetry: Bool {
        switch self {
        case .unreachable, .busy: true
        default: false
        }
    }

    /// The state file the error is about.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .corrupt(let path, _), .migrationFailed(let path, _),
            .newerSchema(let path, _), .diskFull(let path), .busy(let path, _), .readOnly(let path, _),
            .io(let path, _), .invalidData(let path, _), .duplicate(_, let path), .notFound(_, let path),
            .paidJobConflict(_, _, _, let path), .fenced(_, let path), .database(let path, _, _),
            .unreachable(let path, _), .rejected(let path, _), .server(let path, _, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the state file \(path): \(reason). Check that its folder exists or can be created and is writable, or choose another file with \(Remedy.anotherStateFile.phrase)."
        case .corrupt(let path, let reason):
            "the state file \(path) is not a valid SQLite database or is damaged (\(reason)). Move it aside (with its -wal and -shm files) and run again to start a fresh state; note that the fresh state forgets which paid jobs were already created, so check the Magic Hour dashboard before re-running paid stages."
        case .migrationFailed(let path, let reason):
            "could not create or upgrade the schema of \(Self.subject(path)): \(reason). The file was left unchanged; make sure no older `pipeline` is using it and retry."
        case .newerSchema(let path, let unknown):
            "\(Self.subject(path)) was written by a newer version of pipeline (unknown schema migrations: \(unknown.joined(separator: ", "))). Upgrade pipeline, or use another file with \(Remedy.anotherStateFile.phrase)."
        case .diskFull(let path):
            "the disk holding the state file \(path) is full. Free some space and run again; the last change was not saved."
        case .busy(let path, let timeout):
            "the state file \(path) stayed locked by another process for more than \(timeout) s. Another pipeline run may be writing to it; retry when it is done."
        case .readOnly(let path, let reason):
            "the state file \(path) is read-only (\(reason)). Make it and its folder writable, or choose another file with \(Remedy.anotherStateFile.phrase)."
        case .io(let path, let reason):
            "an I/O error occurred on the state file \(path) (\(reason)). Check the disk and file system, then run again."
        case .invalidData(let path, let reason):
            "the state file \(path) holds data this version of pipeline does not understand: \(reason). Upgrade pipeline, or move the file aside to start a fresh state."
        case .duplicate(let what, let path):
            "\(what) already exists in \(Self.subject(path))."
        case .notFound(let what, let path):
            "\(what) does not exist in \(Self.subject(path))."
        case .paidJobConflict(let key, let state, let projectID, let path):
            "refusing to record a new paid job for cache key \(key): \(Self.subject(path)) says it was already created (state \(state.rawValue), project \(projectID ?? "unknown")). Resume that project instead, or force a new one."
        case .fenced(let taskID, let path):
            "another worker has taken over task \(taskID) (this worker's lease on it ran out); its write to \(Self.subject(path)) was refused."
        case .database(let path, let code, let reason):
            "SQLite error \(code) on the state file \(path): \(reason)."
        case .unreachable(let path, let reason):
            "cannot reach the state store \(path): \(reason). Check that the server is running and reachable from this machine (host, port, firewall), then run again."
        case .rejected(let path, let reason):
            "the state store \(path) refused the connection: \(reason). Check the user, the password (PGPASSWORD or the connection string) and that the database exists."
        case .server(let path, let sqlState, let reason):
            "the state store \(path) answered with error \(sqlState): \(reason)."
        }
    }

    /// "the state file PATH", or "the state store URL" for a server.
    private static func subject(_ path: String) -> String {
        path.contains("://") ? "the state store \(path)" : "the state file \(path)"
    }
}
