import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PipelineStore
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pipeline's run lock on a shared PostgreSQL store: a *session* advisory lock
/// (`pg_try_advisory_lock`) held on a connection of its own for the life of the run.
///
/// The server releases it when ``release()`` is called or when the connection ends for any
/// reason (the process exits or is SIGKILLed, the machine or the network goes away), so, like the
/// kernel file lock of ``RunLock``, a stale lock never needs removing by hand. The key is a
/// stable 64-bit hash of the store's schema and the pipeline's name, so every machine computes
/// the same one. After acquiring, the holder writes its host, pid and start time into the
/// schema's `run_lock_holders` table, so that another run's "held by …" message names it; a row
/// counts only while its backend still holds an advisory lock, so a dead holder's row is ignored.
///
/// The lock lives as long as its connection: ``isHeld`` turns false if that connection is lost
/// (the server then no longer holds the lock for us).
package final class PostgresRunLock: RunLocking, Sendable {
    /// Who holds it: this process.
    package let holder: LockHolder
    /// The pipeline it locks.
    package let pipeline: String
    /// The lock as errors name it: `postgres://user@host:port/db lock for pipeline 'name'`.
    package let lockDescription: String
    let key: Int64
    private let table: PostgresTables
    private let logger: Logger

    /// The connection that holds the lock; nil once released.
    private let connection: NIOLockedValueBox<PostgresConnection?>

    private init(
        connection: PostgresConnection, holder: LockHolder, pipeline: String, key: Int64, table: PostgresTables,
        lockDescription: String, logger: Logger
    ) {
        self.connection = NIOLockedValueBox(connection)
        self.holder = holder
        self.pipeline = pipeline
        self.key = key
        self.table = table
        self.lockDescription = lockDescription
        self.logger = logger
    }

    deinit {
        // A lock dropped without `release()`: close its connection (the server then frees the
        // lock). The closure keeps the connection alive until the channel is closed.
        if let connection = connection.withLockedValue({ $0 }) {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    /// True until ``release()``, and while the lock's connection is open.
    package var isHeld: Bool {
        connection.withLockedValue { $0.map { !$0.isClosed } ?? false }
    }

    /// Unlocks, forgets the holder row and closes the connection. Safe to call more than once.
    package func release() async {
        let connection = connection.withLockedValue { connection -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        guard let connection else { return }
        if !connection.isClosed {
            _ = try? await connection.query(
                "DELETE FROM \(unescaped: table.lockHolders) WHERE lock_key = \(key) AND backend_pid = pg_backend_pid()",
                logger: logger)
            _ = try? await connection.query("SELECT pg_advisory_unlock_all()", logger: logger)
        }
        try? await connection.close()
    }

    /// The description errors give for `pipeline`'s lock at `location`.
    static func describe(location: PostgresLocation, pipeline: String) -> String {
        "\(location) lock for pipeline '\(pipeline)'"
    }

    // MARK: - Acquiring

    /// Takes `pipeline`'s lock at once (in shared mode with `shared`, as the workers of one run
    /// hold it) or fails.
    /// - Throws: ``RunLockError/held(holder:path:)`` naming the holder, or ``StateStoreError``
    ///   when the server cannot be reached.
    package static func acquire(
        location: PostgresLocation, pipeline: String, shared: Bool = false
    ) async throws -> PostgresRunLock {
        let attempt = try await Attempt(location: location, pipeline: pipeline, shared: shared)
        do {
            if let lock = try await attempt.tryLock() { return lock }
            let holder = try await attempt.holder()
            await attempt.close()
            throw RunLockError.held(holder: holder, path: describe(location: location, pipeline: pipeline))
        } catch {
            await attempt.close()
            throw error
        }
    }

    /// Takes `pipeline`'s lock, trying every `pollInterval` until it is free or `timeout` has passed.
    /// - Throws: ``RunLockError/timedOut(holder:path:)``, `CancellationError` if the task is
    ///   cancelled, or ``StateStoreError`` when the server cannot be reached.
    package static func wait(
        location: PostgresLocation, pipeline: String, timeout: Duration, pollInterval: Duration = .milliseconds(100),
        shared: Bool = false
    ) async throws -> PostgresRunLock {
        let attempt = try await Attempt(location: location, pipeline: pipeline, shared: shared)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        do {
            while true {
                try Task.checkCancellation()
                if let lock = try await attempt.tryLock() { return lock }
                let now = clock.now
                if now >= deadline {
                    let holder = try await attempt.holder()
                    throw RunLockError.timedOut(holder: holder, path: describe(location: location, pipeline: pipeline))
                }
                try await Task.sleep(for: min(pollInterval, deadline - now))
            }
        } catch {
            await attempt.close()
            throw error
        }
    }

    /// Who holds `pipeline`'s lock now, or nil if it is free (checked by trying it).
    package static func currentHolder(location: PostgresLocation, pipeline: String) async throws -> LockHolder? {
        do {
            let lock = try await acquire(location: location, pipeline: pipeline)
            await lock.release()
            return nil
        } catch RunLockError.held(let holder, _) {
            return holder
        }
    }

    /// One connection trying the lock.
    private struct Attempt {
        let connection: PostgresConnection
        let location: PostgresLocation
        let pipeline: String
        let key: Int64
        let table: PostgresTables
        /// Shared mode (`pg_try_advisory_lock_shared`): the workers of one run hold it together.
        let shared: Bool
        let logger = Logger(label: "pipeline.postgres.lock", factory: { _ in SwiftLogNoOpLogHandler() })

        init(location: PostgresLocation, pipeline: String, shared: Bool = false) async throws {
            self.location = location
            self.pipeline = pipeline
            self.shared = shared
            key = StableKey.of("pipeline-run-lock", location.schema, pipeline)
            table = PostgresTables(schema: location.schema)
            let configuration = try location.connectionConfiguration(applicationName: "pipeline run lock")
            let logger = logger
            connection = try await Deadline.run(
                seconds: location.connectTimeout + 5, location: location,
                work: {
                    do {
                        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                    } catch {
                        throw StateStoreError.translating(error, location: location)
                    }
                },
                abandoned: { connection in try? await connection.close() })
        }

        /// The lock, if it was free: its connection now belongs to the lock.
        func tryLock() async throws -> PostgresRunLock? {
            let rows = try await query(
                shared ? "SELECT pg_try_advisory_lock_shared(\(key))" : "SELECT pg_try_advisory_lock(\(key))")
            guard try rows.first?.decode(Bool.self) == true else { return nil }
            let startedAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let holder = LockHolder(pid: getpid(), host: ProcessIdentity.current.host, startedAt: startedAt)
            // Best effort: a store whose schema is not created yet has no holder table.
            _ = try? await query(
                """
                INSERT INTO \(unescaped: table.lockHolders) (lock_key, pipeline, host, pid, started_at, backend_pid)
                VALUES (\(key), \(pipeline), \(holder.host ?? ""), \(getpid()), \(startedAt.timeIntervalSince1970), pg_backend_pid())
                ON CONFLICT (lock_key) DO UPDATE SET pipeline = excluded.pipeline, host = excluded.host,
                    pid = excluded.pid, started_at = excluded.started_at, backend_pid = excluded.backend_pid
                """)
            return PostgresRunLock(
                connection: connection, holder: holder, pipeline: pipeline, key: key, table: table,
                lockDescription: describe(location: location, pipeline: pipeline), logger: logger)
        }

        /// The holder as its row names it; retries briefly, because a holder writes its row just
        /// after acquiring. A row whose backend holds no advisory lock (a dead holder's) is ignored.
        func holder() async throws -> LockHolder {
            for attempt in 0..<5 {
                let rows = try? await query(
                    """
                    SELECT h.host, h.pid, h.started_at FROM \(unescaped: table.lockHolders) h
                    WHERE h.lock_key = \(key) AND EXISTS (
                        SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.pid = h.backend_pid)
                    """)
                if let row = rows?.first, let (host, pid, started) = try? row.decode((String, Int32, Double).self) {
                    return LockHolder(pid: pid, host: host, startedAt: Date(timeIntervalSince1970: started))
                }
                if attempt < 4 { try await Task.sleep(for: .milliseconds(10)) }
            }
            return LockHolder(pid: nil, host: nil, startedAt: nil)
        }

        func close() async {
            try? await connection.close()
        }

        private func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
            do {
                return try await connection.query(query, logger: logger).collect()
            } catch {
                throw StateStoreError.translating(error, location: location)
            }
        }
    }
}
