import Logging
import PostgresNIO

/// `BEGIN` … `COMMIT` on one connection, rolling back when the body throws and rethrowing the
/// body's own error (postgres-nio's `withTransaction` wraps it).
enum PostgresTransaction {
    static func run<T>(
        on connection: PostgresConnection, logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> sending T {
        try await connection.query("BEGIN", logger: logger)
        let value: T
        do {
            value = try await body(connection)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return value
    }
}
