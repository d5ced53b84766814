import Foundation

/// The PostgreSQL the CLI tests share a ledger through: `PIPELINE_TEST_POSTGRES_URL`, started by
/// `.ci/with-postgres` (as `make test` does). Each test uses a schema of its own. Without the
/// variable a PostgreSQL case fails saying how to run it, unless `PIPELINE_TEST_POSTGRES=skip`.
struct TestPostgres {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "PIPELINE_TEST_POSTGRES_URL is not set: run the tests through `.ci/with-postgres` (as `make test` does), or set PIPELINE_TEST_POSTGRES=skip to leave the PostgreSQL cases out"
        }
    }

    /// `postgres://user@host:port/db?schema=NAME`: the connection string without its password,
    /// which a pipeline file may carry.
    let url: String
    /// The password, for `PGPASSWORD`.
    let password: String
    let host: String
    let port: String
    let user: String
    let database: String
    let schema: String

    static var skipped: Bool { ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES"] == "skip" }

    /// Whether the harness gave a second server that a test may restart
    /// (`PIPELINE_TEST_POSTGRES_RESTARTABLE_URL` and `PIPELINE_TEST_POSTGRES_RESTART`).
    static var restartable: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["PIPELINE_TEST_POSTGRES_RESTARTABLE_URL"] != nil
            && environment["PIPELINE_TEST_POSTGRES_RESTART"] != nil
    }

    /// A fresh schema on the test server (created by the first store that opens it); with
    /// `restartable`, on the second server, the one ``restartServer()`` restarts.
    static func fresh(restartable: Bool = false) throws -> TestPostgres {
        let variable = restartable ? "PIPELINE_TEST_POSTGRES_RESTARTABLE_URL" : "PIPELINE_TEST_POSTGRES_URL"
        guard let base = ProcessInfo.processInfo.environment[variable],
            let components = URLComponents(string: base), let host = components.host, let port = components.port
        else { throw Missing() }
        let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let user = components.user ?? "postgres"
        let database = String(components.path.dropFirst())
        return TestPostgres(
            url: "postgres://\(user)@\(host):\(port)/\(database)?schema=\(schema)&connect_timeout=120",
            password: components.password ?? "",
            host: host, port: String(port), user: user, database: database, schema: String(schema))
    }

    /// The environment a `pipeline` process needs to reach it (the password through `PGPASSWORD`).
    var environment: [String: String] { ["PGPASSWORD": password] }

    /// The psql program.
    static let psql = "/usr/bin/psql"
    /// psql's arguments to reach this server.
    var psqlArguments: [String] { ["-h", host, "-p", port, "-U", user, "-d", database] }
    /// psql's environment: the password through `PGPASSWORD`.
    var psqlEnvironment: [String: String] { ["PGPASSWORD": password, "PATH": "/usr/bin:/bin"] }

    /// Rows of `sql` (tables named with `SCHEMA.`, replaced by this test's schema), through psql.
    func rows(_ sql: String) async throws -> [[String]] {
        let result = try await CommandRunner.run(
            program: Self.psql,
            psqlArguments + ["-tA", "-F", "|", "-c", sql.replacingOccurrences(of: "SCHEMA.", with: "\(schema).")],
            environment: psqlEnvironment)
        guard result.status == 0 else {
            throw CommandFailure(message: "psql failed (\(result.status)): \(result.standardError)")
        }
        return result.standardOutput.split(separator: "\n").map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
    }

    func integer(_ sql: String) async throws -> Int {
        guard let value = try await rows(sql).first?.first.flatMap({ Int($0) }) else {
            throw CommandFailure(message: "no integer from \(sql)")
        }
        return value
    }

    /// Restarts the restartable server (a fast shutdown, then the same server again). The script
    /// closes the descriptors it inherited before the new server starts, so no pipe of ours
    /// stays open in the server.
    static func restartServer() async throws {
        guard let script = ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES_RESTART"] else {
            throw Missing()
        }
        let result = try await CommandRunner.run(program: script, [])
        guard result.status == 0 else {
            throw CommandFailure(message: "restart failed (\(result.status)): \(result.standardError)")
        }
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
