import Foundation
import Logging
import PipelineStore
import PostgresNIO

/// The ``StateStore`` in a PostgreSQL database, for a ledger that several processes and machines
/// share: the same records and the same semantics as ``SQLiteStateStore``, method for method.
///
/// - Open it with ``init(_:environment:maximumConnections:operationTimeout:)`` from a connection
///   string (`postgres://user@host:5432/db`; see ``PostgresLocation`` for its parts and
///   `PGPASSWORD`). Opening connects once (failing fast with a typed error when the server is
///   down or refuses us), creates the schema or brings it up to date, then starts a connection
///   pool (postgres-nio's `PostgresClient`, whose `run()` this store owns). Call ``close()`` when
///   done.
/// - Every state change is one transaction, committed (so durable on the server) when its method
///   returns. The paid-job claim locks the key's row (`INSERT … ON CONFLICT DO NOTHING`, then
///   `SELECT … FOR UPDATE`), so concurrent claims from any number of processes give one `claimed`.
/// - Like the SQLite store, a call is never abandoned because the calling task was cancelled
///   (Ctrl-C): a project id just answered must reach the ledger. Each call is bounded by
///   `operationTimeout` instead, so a server that went away fails the call with
///   ``StateStoreError/unreachable(path:reason:)`` rather than hanging.
/// - Errors are ``StateStoreError``s naming ``path`` (the location without its password).
package final class PostgresStateStore: StateStore {
    /// Where the store lives.
    package let location: PostgresLocation
    /// Seconds a call may take (waiting for a connection included) before it fails.
    package let operationTimeout: Double
    let client: PostgresClient
    let logger: Logger
    /// The store's tables, qualified by its schema.
    let table: PostgresTables
    private let runTask: Task<Void, Never>

    /// The location as errors name it: `postgres://user@host:port/db` (no password).
    package var path: String { location.description }

    /// The schema version this build writes.
    package static var currentSchemaVersion: Int { PostgresSchema.version }

    /// Opens the store at `connectionString`, creating its schema or bringing it up to date.
    ///
    /// - Parameters:
    ///   - connectionString: `postgres://user[:password]@host[:port]/database[?schema=…&sslmode=…]`
    ///     or `postgresql://…`; see ``PostgresLocation``.
    ///   - environment: Where `PGPASSWORD` (and `PGUSER`, `PGHOST`, `PGPORT`, `PGDATABASE`) are read.
    ///   - maximumConnections: The pool's size (one connection per concurrent call).
    ///   - operationTimeout: Seconds one call may take before failing as `unreachable`.
    /// - Throws: ``StateStoreError``: `cannotOpen` (a bad connection string), `unreachable`
    ///   (server down, unknown host, no answer within `connect_timeout`), `rejected` (password,
    ///   user, database), `newerSchema`, `migrationFailed`.
    package convenience init(
        _ connectionString: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        maximumConnections: Int = 20, operationTimeout: Double = 30
    ) async throws {
        try await self.init(
            location: PostgresLocation(connectionString, environment: environment),
            maximumConnections: maximumConnections, operationTimeout: operationTimeout)
    }

    /// Opens the store at `location`; see ``init(_:environment:maximumConnections:operationTimeout:)``.
    package init(location: PostgresLocation, maximumConnections: Int = 20, operationTimeout: Double = 30) async throws {
        self.location = location
        self.operationTimeout = operationTimeout
        self.table = PostgresTables(schema: location.schema)
        let logger = Logger(label: "pipeline.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        self.logger = logger
        try await Self.prepare(location: location, logger: logger)
        let client = PostgresClient(
            configuration: try location.clientConfiguration(
                maximumConnections: maximumConnections, applicationName: "pipeline state store"),
            backgroundLogger: logger)
        self.client = client
        runTask = Task.detached { await client.run() }
    }

    deinit {
        runTask.cancel()
    }

    /// Closes the pool's connections and waits for its task to stop. Later calls fail.
    package func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    /// Stops the pool's task (its connections close a moment later); returns at once. Later calls fail.
    package func close() {
        runTask.cancel()
    }

    /// The pipeline's session advisory lock on this server (see ``PostgresRunLock``).
    package func lockRun(pipeline: String, waitingUpTo: Duration?, shared: Bool) async throws -> any RunLocking {
        guard let waitingUpTo else {
            return try await PostgresRunLock.acquire(location: location, pipeline: pipeline, shared: shared)
        }
        return try await PostgresRunLock.wait(
            location: location, pipeline: pipeline, timeout: waitingUpTo, shared: shared)
    }

    /// The schema version of the database (the number of applied migrations this build knows).
    package func schemaVersion() async throws -> Int {
        let location = location
        return try await perform { client, logger in
            try await client.withConnection { connection in
                try await PostgresMigrator.appliedVersions(connection, location: location, logger: logger).count
            }
        }
    }

    /// Connects once on its own connection (so that a server that is down or refuses us fails
    /// here, within the connect timeout) and migrates the schema.
    private static func prepare(location: PostgresLocation, logger: Logger) async throws {
        let configuration = try location.connectionConfiguration(applicationName: "pipeline migration")
        try await Deadline.run(seconds: location.connectTimeout + 5, location: location) {
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    configuration: configuration, id: 1, logger: logger)
            } catch {
                throw StateStoreError.translating(error, location: location)
            }
            do {
                _ = try await PostgresMigrator.migrate(connection, location: location, logger: logger)
                try? await connection.close()
            } catch {
                try? await connection.close()
                switch StateStoreError.translating(error, location: location) {
                case let storeError as StateStoreError:
                    if case .server(_, _, let reason) = storeError {
                        throw StateStoreError.migrationFailed(path: location.description, reason: reason)
                    }
                    throw storeError
                case let other:
                    throw other
                }
            }
        }
    }

    // MARK: - Access helpers

    /// Runs `body` with the pool, not abandoned when the caller is cancelled, bounded by the
    /// operation timeout, translating errors.
    func perform<T: Sendable>(
        _ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T
    ) async throws -> T {
        let client = client
        let logger = logger
        let location = location
        return try await Deadline.run(seconds: operationTimeout, location: location, detached: true) {
            do {
                return try await body(client, logger)
            } catch {
                throw StateStoreError.translating(error, location: location)
            }
        }
    }

    /// Runs `body` in one transaction on a pooled connection (see ``perform(_:)``).
    func transaction<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        try await perform { client, logger in
            try await client.withConnection { connection in
                try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                    try await body(connection, logger)
                }
            }
        }
    }

    /// Runs one statement on a pooled connection and collects its rows (see ``perform(_:)``).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await perform { client, logger in
            try await client.withConnection { connection in
                try await connection.query(query, logger: logger).collect()
            }
        }
    }
}

extension PostgresStateStore {
    /// Drops the store's schema and everything in it (for benchmarks and tests that made a
    /// schema of their own). Later calls fail until the store is opened again.
    package func dropSchema() async throws {
        let schema = location.schema
        _ = try await rows(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
    }
}
