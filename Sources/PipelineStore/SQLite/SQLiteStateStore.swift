import Foundation
import GRDB

/// The ``StateStore`` in one SQLite file, through GRDB.
///
/// - WAL journal mode: readers never block the writer, and a commit is one append to the
///   `-wal` file.
/// - `synchronous=NORMAL` by default: a change is in the operating system's page cache when its
///   method returns, so it survives any crash of the process, SIGKILL included; only a power
///   loss or kernel crash before the next checkpoint can lose the last commits. Pass
///   ``SynchronousMode/full`` to fsync every commit when that matters more than speed.
/// - One transaction per state change (`BEGIN IMMEDIATE`). Several processes may open the same
///   file at once (overlapping cron runs): a writer, or the open of a fresh file, that finds the
///   file locked waits up to the busy timeout (10 s by default) before failing with
///   ``StateStoreError/busy(path:timeoutSeconds:)``.
/// - The schema is versioned with GRDB migrations, applied on open.
public final class SQLiteStateStore: StateStore {
    /// The state file.
    public let path: String
    /// How long a write waits for another process's lock before failing, in seconds.
    public let busyTimeout: Double
    /// The durability of commits.
    public let synchronous: SynchronousMode
    let pool: DatabasePool
    /// Every write goes through it: writes that arrive together commit together.
    let writes: GroupCommit

    /// Opens (creating if needed, with its parent folders) the state file at `path` and brings
    /// its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The SQLite file, e.g. `.pipeline/state.db`.
    ///   - synchronous: Durability of commits; `.normal` survives process crashes, `.full` power loss.
    ///   - busyTimeout: Seconds a write waits for another process's lock.
    /// - Throws: ``StateStoreError`` (`cannotOpen`, `corrupt`, `readOnly`, `migrationFailed`,
    ///   `newerSchema`, `busy`…).
    public init(path: String, synchronous: SynchronousMode = .normal, busyTimeout: Double = 10) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        self.busyTimeout = busyTimeout
        self.synchronous = synchronous

        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StateStoreError.cannotOpen(
                path: absolute, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "PipelineStore"
        configuration.foreignKeysEnabled = true
        do {
            pool = try Self.openPool(path: absolute, configuration: configuration, waitingUpTo: busyTimeout)
            writes = GroupCommit(pool: pool)
            if synchronous != .normal {
                // GRDB sets NORMAL when it enables WAL; only the writer connection commits.
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
                }
            }
        } catch {
            throw StateStoreError.translating(error, path: absolute, busyTimeout: busyTimeout)
        }
        try migrate()
    }

    /// Closes the file. Later calls fail; the file also closes when the store is released.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StateStoreError.translating(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// The schema version of the file (the number of applied migrations this build knows).
    public func schemaVersion() async throws -> Int {
        try await read { db in try StoreSchema.migrator.appliedMigrations(db).count }
    }

    /// The schema version this build of the store writes.
    public static var currentSchemaVersion: Int { StoreSchema.version }

    /// SQLite's journal mode for the file (`wal`).
    public func journalMode() async throws -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// SQLite's `synchronous` setting of the writing connection (1 = NORMAL, 2 = FULL).
    public func synchronousSetting() async throws -> Int {
        do {
            return try await pool.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            }
        } catch {
            throw translate(error)
        }
    }

    // MARK: - Access helpers

    /// Runs `body` in a savepoint of a write transaction (BEGIN IMMEDIATE … COMMIT) that the
    /// writes arriving with it share (``GroupCommit``), translating errors; returns once that
    /// transaction committed.
    ///
    /// A write is never abandoned because the calling task was cancelled (Ctrl-C): the project id
    /// a create call just answered with, or a run's closing totals, must reach the file even
    /// while the run is stopping. The group's transaction runs on the writer's queue, which the
    /// caller's cancellation does not reach.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writes.write(body)
        } catch {
            throw translate(error)
        }
    }

    /// Runs `body` in one read transaction on a snapshot, translating errors; like ``write(_:)``,
    /// not abandoned when the caller is cancelled (a stopping run still reads its ledger).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let pool = pool
        return try await uncancelled { try await pool.read(body) }
    }

    /// Runs `work` in a task that does not inherit the caller's cancellation, translating errors.
    private func uncancelled<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let result = await Task.detached { () -> Result<T, any Error> in
            do {
                return .success(try await work())
            } catch {
                return .failure(error)
            }
        }.value
        do {
            return try result.get()
        } catch {
            throw translate(error)
        }
    }

    func translate(_ error: any Error) -> any Error {
        StateStoreError.translating(error, path: path, busyTimeout: busyTimeout)
    }

    /// Opens the pool, retrying while SQLite answers `SQLITE_BUSY` for up to `timeout` seconds.
    ///
    /// The busy handler does not cover the open of a fresh file: turning it to WAL (`PRAGMA
    /// journal_mode = WAL`) needs a write lock, and when another process holds one (it is
    /// turning the same fresh file to WAL, or creating its tables) SQLite answers `SQLITE_BUSY`
    /// at once rather than risk a deadlock. Two runs started together in a new folder meet
    /// exactly there; the lock is held for milliseconds, so the open tries again.
    private static func openPool(
        path: String, configuration: Configuration, waitingUpTo timeout: Double
    ) throws -> DatabasePool {
        let clock = ContinuousClock()
        // A day at most, and no negative or NaN wait: `Duration.seconds` traps on infinity.
        let deadline = clock.now.advanced(by: .seconds(timeout.isNaN ? 0 : min(max(timeout, 0), 86_400)))
        var pause = 0.002
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && clock.now < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.05)
            }
        }
    }

    /// Applies migrations. Two processes opening a fresh file together may both try `v1`; the
    /// loser's transaction fails harmlessly and the retry finds it applied.
    private func migrate() throws {
        let migrator = StoreSchema.migrator
        var lastError: (any Error)?
        for _ in 0..<3 {
            do {
                let unknown = try pool.read { db -> [String] in
                    let known = Set(try migrator.appliedMigrations(db))
                    return try migrator.appliedIdentifiers(db).subtracting(known).sorted()
                }
                if !unknown.isEmpty {
                    throw StateStoreError.newerSchema(path: path, unknownMigrations: unknown)
                }
                try migrator.migrate(pool)
                return
            } catch let error as StateStoreError {
                throw error
            } catch {
                let translated = translate(error)
                if let storeError = translated as? StateStoreError {
                    switch storeError {
                    case .corrupt, .diskFull, .readOnly, .cannotOpen, .io, .busy: throw storeError
                    default: break
                    }
                }
                lastError = error
            }
        }
        let reason = (lastError as? DatabaseError)?.message ?? lastError.map { "\($0)" } ?? "unknown error"
        throw StateStoreError.migrationFailed(path: path, reason: reason)
    }
}
