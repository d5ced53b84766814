import PipelineStore
import PostgresNIO

extension StateStoreError {
    /// Translates an error from postgres-nio into a ``StateStoreError`` naming `location` (never
    /// its password). Keeps the server's message (not its detail, which can quote values) and
    /// the SQLSTATE; cancellation and errors that are already ``StateStoreError`` pass through.
    static func translating(_ error: any Error, location: PostgresLocation) -> any Error {
        let path = location.description
        if let decoding = error as? PostgresDecodingError {
            return StateStoreError.invalidData(
                path: path, reason: "column \(decoding.columnName) holds a value of an unexpected type")
        }
        if let transaction = error as? PostgresTransactionError {
            let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError
            return inner.map { translating($0, location: location) } ?? error
        }
        guard let psql = error as? PSQLError else { return error }
        switch psql.code {
        case .server:
            return serverError(psql, path: path)
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            let reason = psql.underlying.map { Self.networkReason($0) } ?? "the connection was closed"
            return StateStoreError.unreachable(path: path, reason: reason)
        case .authMechanismRequiresPassword:
            return StateStoreError.rejected(
                path: path,
                reason: "the server asks for a password: give it in the connection string or in PGPASSWORD")
        case .saslError, .unsupportedAuthMechanism:
            return StateStoreError.rejected(path: path, reason: "authentication failed")
        case .sslUnsupported:
            return StateStoreError.rejected(path: path, reason: "the server does not offer TLS, which sslmode asks for")
        case .queryCancelled:
            return CancellationError()
        default:
            return StateStoreError.server(path: path, sqlState: "", reason: "\(psql.code)")
        }
    }

    private static func serverError(_ error: PSQLError, path: String) -> StateStoreError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "error \(state)"
        switch state {
        case _ where state.hasPrefix("28"), "3D000", "42501", "3F000":
            return .rejected(path: path, reason: message)
        case _ where state.hasPrefix("08"), "57P01", "57P02", "57P03":
            return .unreachable(path: path, reason: message)
        case "53100":
            return .diskFull(path: path)
        case "25006":
            return .readOnly(path: path, reason: message)
        default:
            return .server(path: path, sqlState: state, reason: message)
        }
    }

    /// The network error's own words ("Connection refused (errno: 111)"), without NIO's wrapping.
    /// A PostgreSQL error inside (the server's "terminating connection due to administrator
    /// command" when it shuts down) is told by its server message: postgres-nio's own
    /// description of it is a placeholder.
    private static func networkReason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            return psql.underlying.map { networkReason($0) } ?? "the connection was closed (\(psql.code))"
        }
        let text = String(describing: error)
        if let range = text.range(of: "): ") { return String(text[range.upperBound...]) }
        return text
    }
}
