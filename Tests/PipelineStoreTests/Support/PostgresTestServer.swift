import Foundation
import Logging
import PostgresNIO

@testable import PipelinePostgres
@testable import PipelineStore

/// The PostgreSQL the tests use: `PIPELINE_TEST_POSTGRES_URL` (`.ci/with-postgres` starts a
/// throwaway one and sets it). Each test gets a schema of its own, dropped afterwards.
///
/// Without the variable, every PostgreSQL case fails with ``Missing`` saying how to run them,
/// unless `PIPELINE_TEST_POSTGRES=skip` leaves them out on purpose.
enum PostgresTestServer {
    /// Why a PostgreSQL case cannot run.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "PIPELINE_TEST_POSTGRES_URL is not set, so the PostgreSQL store cannot be tested. Run the tests with a throwaway server: `.ci/with-postgres swift test` (what `make test` does), or point PIPELINE_TEST_POSTGRES_URL at a server where the tests may create and drop schemas (postgres://user:password@host:port/db); or set PIPELINE_TEST_POSTGRES=skip to leave the PostgreSQL cases out."
        }
    }

    static var skipped: Bool { ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES"] == "skip" }

    /// The server's connection string.
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw Missing()
        }
        return url
    }

    /// The connection string for a fresh schema `name` (not created: opening the store creates it).
    static func url(schema name: String) throws -> String {
        let base = try url()
        // A generous connect timeout: in the full suite both cores are busy, and a connection's
        // answer can wait long for a thread to resume the test on.
        return base + (base.contains("?") ? "&" : "?") + "schema=\(name)&connect_timeout=120"
    }

    /// A new schema name, unique to one test.
    static func freshSchemaName() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }

    /// Runs `sql` on a connection of its own (one statement, no result).
    static func execute(_ sql: String) async throws {
        try await withConnection { connection, logger in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        }
    }

    /// Runs `body` on a connection of its own to the test server.
    static func withConnection<T: Sendable>(
        _ body: @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let location = try PostgresLocation(url())
        let logger = Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(
            configuration: location.connectionConfiguration(applicationName: "pipeline tests"), id: 99,
            logger: logger)
        do {
            let value = try await body(connection, logger)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Drops a test's schema.
    static func drop(schema name: String) async {
        try? await execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }
}
