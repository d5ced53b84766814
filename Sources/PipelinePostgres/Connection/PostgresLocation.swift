import Foundation
import PipelineStore

/// Where a PostgreSQL state store lives, read from a connection string
/// `postgres://user:password@host:port/database?schema=pipeline&sslmode=prefer`
/// (`postgresql://` too).
///
/// Missing parts come from libpq's environment variables: `PGUSER` (else the login name),
/// `PGPASSWORD`, `PGHOST` (else `localhost`), `PGPORT` (else 5432) and `PGDATABASE` (else the
/// user). A password in the string wins over `PGPASSWORD`. The password is kept apart and never
/// appears in ``description``, in errors or in logs.
///
/// Query parameters: `schema` (the PostgreSQL schema holding the store's tables, default
/// `pipeline`, so the store can share a database), `sslmode` (`disable`, `allow`, `prefer`
/// (default), `require`, `verify-ca`, `verify-full`) and `connect_timeout` (seconds).
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`).
    package enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (libpq's `allow` and `prefer`), certificate not verified.
        case prefer
        /// TLS required, certificate not verified (libpq's `require`).
        case require
        /// TLS required and the certificate verified against the system's roots and the host name
        /// (libpq's `verify-ca` and `verify-full`).
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    package var host: String
    /// The server's port.
    package var port: Int
    /// The user to connect as.
    package var user: String
    /// The database.
    package var database: String
    /// The schema that holds the store's tables (created if missing).
    package var schema: String
    /// TLS use.
    package var tls: TLSMode
    /// Seconds to wait for a connection before failing.
    package var connectTimeout: Double
    /// The password; never printed.
    var password: String?

    /// Whether `text` is a PostgreSQL connection string (`postgres://` or `postgresql://`).
    package static func isConnectionString(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Reads a connection string.
    ///
    /// - Parameters:
    ///   - connectionString: `postgres://…` or `postgresql://…`.
    ///   - environment: Where `PGPASSWORD`, `PGUSER`, `PGHOST`, `PGPORT` and `PGDATABASE` are read.
    /// - Throws: ``StateStoreError/cannotOpen(path:reason:)`` naming the string without its password.
    package init(
        _ connectionString: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let shown = Self.redacting(connectionString)
        guard Self.isConnectionString(connectionString), let url = URLComponents(string: connectionString) else {
            throw StateStoreError.cannotOpen(
                path: shown, reason: "not a connection string of the form postgres://user@host:port/database")
        }
        func nonEmpty(_ value: String?) -> String? { (value?.isEmpty ?? true) ? nil : value }
        user = nonEmpty(url.user) ?? nonEmpty(environment["PGUSER"]) ?? ProcessInfo.processInfo.userName
        password = url.password ?? nonEmpty(environment["PGPASSWORD"])
        var host = nonEmpty(url.host) ?? nonEmpty(environment["PGHOST"]) ?? "localhost"
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        if let port = url.port {
            self.port = port
        } else if let text = nonEmpty(environment["PGPORT"]) {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw StateStoreError.cannotOpen(path: shown, reason: "PGPORT '\(text)' is not a port number")
            }
            self.port = port
        } else {
            self.port = 5432
        }
        let name = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = nonEmpty(name) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        schema = "pipeline"
        tls = .prefer
        connectTimeout = 10
        for item in url.queryItems ?? [] {
            try apply(item.name, item.value ?? "", shown: shown)
        }
    }

    private mutating func apply(_ name: String, _ value: String, shown: String) throws {
        switch name {
        case "schema":
            guard Self.isPlainIdentifier(value) else {
                throw StateStoreError.cannotOpen(
                    path: shown,
                    reason:
                        "schema '\(value)' must be 1 to 63 lower-case letters, digits or underscores, not starting with a digit"
                )
            }
            schema = value
        case "sslmode":
            switch value {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require": tls = .require
            case "verify-ca", "verify-full": tls = .verifyFull
            default:
                throw StateStoreError.cannotOpen(
                    path: shown,
                    reason: "sslmode '\(value)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
            }
        case "connect_timeout":
            guard let seconds = Double(value), seconds > 0 else {
                throw StateStoreError.cannotOpen(
                    path: shown, reason: "connect_timeout '\(value)' is not a number of seconds")
            }
            connectTimeout = seconds
        case "application_name", "client_encoding":
            break
        default:
            throw StateStoreError.cannotOpen(
                path: shown, reason: "unknown parameter '\(name)' (known: schema, sslmode, connect_timeout)")
        }
    }

    /// Whether a password was given (in the string or `PGPASSWORD`).
    package var hasPassword: Bool { password != nil }

    /// `postgres://user@host:port/database?schema=…`: the location without its password, as
    /// errors and logs name it.
    package var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let query = schema == "pipeline" ? "" : "?schema=\(schema)"
        return "postgres://\(user)@\(shownHost):\(port)/\(database)\(query)"
    }

    /// A lower-case SQL identifier that needs no quoting: `[a-z_][a-z0-9_]{0,62}`.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let letters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz_")
        let rest = letters.union(CharacterSet(charactersIn: "0123456789"))
        return letters.contains(first) && text.unicodeScalars.allSatisfy { rest.contains($0) }
    }

    /// The connection string with anything between `://` and the last `@` before the host
    /// reduced to the user name, for messages about a string that could not be read.
    static func redacting(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return "the PostgreSQL connection string" }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        let userInfo = rest[..<at]
        let user = userInfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return String(text[..<scheme.upperBound]) + user + String(rest[at...])
    }
}
