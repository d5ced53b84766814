import Foundation
import Logging
import PipelineStore
import PostgresNIO

/// Brings a store's schema up to date on one connection: one transaction under a transaction
/// advisory lock keyed by the schema's name, so that two processes opening a fresh database at
/// once apply each migration once (the second waits, then finds them applied).
enum PostgresMigrator {
    /// Applies the missing migrations; returns the schema version now applied.
    /// - Throws: ``StateStoreError/newerSchema(path:unknownMigrations:)`` when the database has
    ///   migrations this build does not know; postgres-nio's error when a statement fails (the
    ///   transaction is rolled back, nothing is changed; the store reports it as `migrationFailed`).
    static func migrate(
        _ connection: PostgresConnection, location: PostgresLocation, logger: Logger
    ) async throws -> Int {
        let s = location.schema
        let path = location.description
        return try await PostgresTransaction.run(on: connection, logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(StableKey.of("pipeline-schema", s)))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(s)"), logger: logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE IF NOT EXISTS \(s).\(PostgresSchema.versionTable) (
                            version integer PRIMARY KEY, name text NOT NULL, applied_at double precision NOT NULL)
                        """), logger: logger)
            var applied = Set<Int>()
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT version FROM \(s).\(PostgresSchema.versionTable)"), logger: logger)
            for try await version in rows.decode(Int32.self) { applied.insert(Int(version)) }
            let known = Set(PostgresSchema.migrations.map(\.version))
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty {
                throw StateStoreError.newerSchema(path: path, unknownMigrations: unknown.map { "v\($0)" })
            }
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements(s) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: s).\(unescaped: PostgresSchema.versionTable) (version, name, applied_at)
                    VALUES (\(Int32(migration.version)), \(migration.name), \(now))
                    """, logger: logger)
            }
            return PostgresSchema.version
        }
    }

    /// The versions applied in the store's schema (empty when it has none yet).
    static func appliedVersions(
        _ connection: PostgresConnection, location: PostgresLocation, logger: Logger
    )
        async throws -> [Int]
    {
        let exists = try await connection.query(
            "SELECT to_regclass(\(location.schema + "." + PostgresSchema.versionTable)) IS NOT NULL", logger: logger)
        var found = false
        for try await value in exists.decode(Bool.self) { found = value }
        guard found else { return [] }
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT version FROM \(location.schema).\(PostgresSchema.versionTable) ORDER BY version"),
            logger: logger)
        var versions: [Int] = []
        for try await version in rows.decode(Int32.self) { versions.append(Int(version)) }
        return versions
    }
}
