import Foundation
import PostgresNIO
import Testing

@testable import PipelinePostgres
@testable import PipelineStore

/// What only the PostgreSQL store has: its schema migrations, its connection errors, its
/// connection string. (The shared suite covers the records.)
@Suite("PostgresStateStore", .enabled(if: !PostgresTestServer.skipped, "PIPELINE_TEST_POSTGRES=skip"))
struct PostgresStoreTests {
    @Test("a fresh schema is created at the current version; reopening keeps the data and applies nothing twice")
    func migratesFromEmptyAndReopens() async throws {
        let fixture = try StoreFixture(.postgres)
        do {
            let store = try await fixture.open()
            let postgres = try #require(store as? PostgresStateStore)
            #expect(try await postgres.schemaVersion() == PostgresStateStore.currentSchemaVersion)
            try await store.beginRun(Samples.run("r1"))
            await postgres.shutdown()

            let reopened = try #require(try await fixture.open() as? PostgresStateStore)
            #expect(try await reopened.schemaVersion() == PostgresStateStore.currentSchemaVersion)
            #expect(try await reopened.run(id: "r1") == Samples.run("r1"))
            let schema = reopened.location.schema
            let versions = try await PostgresTestServer.withConnection { connection, logger in
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT version FROM \(schema).pipeline_schema_version ORDER BY version"),
                    logger: logger
                ).collect().map { try $0.decode(Int32.self) }
            }
            #expect(versions.map(Int.init) == Array(1...PostgresStateStore.currentSchemaVersion))
            await fixture.tearDown()
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    @Test("a schema migrated by a newer release is refused, naming its unknown migrations")
    func newerSchemaIsRefused() async throws {
        let fixture = try StoreFixture(.postgres)
        do {
            let store = try #require(try await fixture.open() as? PostgresStateStore)
            let schema = store.location.schema
            await store.shutdown()
            try await PostgresTestServer.execute(
                "INSERT INTO \(schema).pipeline_schema_version (version, name, applied_at) VALUES (99, 'future', 0)")
            await #expect(throws: StateStoreError.newerSchema(path: store.path, unknownMigrations: ["v99"])) {
                _ = try await fixture.open()
            }
            await fixture.tearDown()
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    @Test("the wrong password is rejected with a typed error that never shows a password")
    func passwordNeverInErrors() async throws {
        var location = try PostgresLocation(PostgresTestServer.url())
        let secret = "Wr0ng-S3cret-\(UUID().uuidString.prefix(8))"
        location.password = secret
        // Loose: in the full suite both cores are busy, and the answer can wait for a thread.
        location.connectTimeout = 120
        do {
            _ = try await PostgresStateStore(location: location)
            Issue.record("a wrong password was accepted (does the test server require passwords?)")
        } catch let error as StateStoreError {
            guard case .rejected(let path, _) = error else {
                Issue.record("expected .rejected, got \(error)")
                return
            }
            #expect(path == location.description)
            #expect(!error.description.contains(secret))
            #expect(!String(reflecting: error).contains(secret))
            #expect(error.description.contains("PGPASSWORD"))
        }
        // A password in the connection string: never in the location, an error or its description.
        let url = "postgres://someone:\(secret)@127.0.0.1:\(try Self.closedPort())/db?connect_timeout=2"
        let parsed = try PostgresLocation(url)
        #expect(!parsed.description.contains(secret))
        await #expect {
            _ = try await PostgresStateStore(url)
        } throws: { error in
            !"\(error)".contains(secret) && !String(reflecting: error).contains(secret)
        }
    }

    @Test("PGPASSWORD supplies the password when the connection string has none")
    func passwordFromTheEnvironment() async throws {
        let real = try PostgresLocation(PostgresTestServer.url())
        let password = try #require(real.password, "the test server's URL carries no password")
        let name = PostgresTestServer.freshSchemaName()
        let url =
            "postgresql://\(real.user)@\(real.host):\(real.port)/\(real.database)?schema=\(name)&connect_timeout=120"
        let store = try await PostgresStateStore(url, environment: ["PGPASSWORD": password])
        #expect(try await store.runs(pipeline: nil, limit: 1).isEmpty)
        await store.shutdown()
        await PostgresTestServer.drop(schema: name)
    }

    /// The bounds tell a bounded failure from a hang (a pool retrying for ever): they are loose
    /// because a loaded 2-core machine running the whole suite delays every task by seconds.
    @Test("a server that is down gives a typed error at once; one that does not answer, within the connect timeout")
    func serverDownIsATypedErrorWithoutAHang() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await PostgresStateStore("postgres://pipeline@127.0.0.1:\(try Self.closedPort())/db")
        } throws: { error in
            guard case .unreachable(let path, _) = error as? StateStoreError else { return false }
            return path.hasPrefix("postgres://pipeline@127.0.0.1:")
        }
        #expect(clock.now - start < .seconds(60))

        // A listener that never answers: the connect timeout applies.
        let silent = try SilentListener()
        let started = clock.now
        await #expect {
            _ = try await PostgresStateStore("postgres://pipeline@127.0.0.1:\(silent.port)/db?connect_timeout=1")
        } throws: { error in
            guard case .unreachable = error as? StateStoreError else { return false }
            return true
        }
        #expect(clock.now - started < .seconds(60))
        withExtendedLifetime(silent) {}
    }

    @Test("connection strings: both schemes, defaults from the environment, the schema parameter, no password shown")
    func connectionStrings() throws {
        let full = try PostgresLocation(
            "postgresql://ann:p%40ss@db.example.com:6543/ledger?schema=team_a&sslmode=require", environment: [:])
        #expect(full.user == "ann" && full.password == "p@ss" && full.host == "db.example.com" && full.port == 6543)
        #expect(full.database == "ledger" && full.schema == "team_a" && full.tls == .require)
        #expect(full.description == "postgres://ann@db.example.com:6543/ledger?schema=team_a")

        let bare = try PostgresLocation(
            "postgres://", environment: ["PGUSER": "bob", "PGHOST": "10.0.0.5", "PGPORT": "5433", "PGPASSWORD": "x"])
        #expect(bare.user == "bob" && bare.host == "10.0.0.5" && bare.port == 5433 && bare.database == "bob")
        #expect(bare.password == "x" && bare.schema == "pipeline" && bare.tls == .prefer)

        #expect(throws: StateStoreError.self) {
            try PostgresLocation("postgres://h/db?schema=Bad-Name", environment: [:])
        }
        #expect(throws: StateStoreError.self) { try PostgresLocation("postgres://h/db?colour=red", environment: [:]) }
        #expect(PostgresLocation.redacting("postgres://ann:secret@h:5/db") == "postgres://ann@h:5/db")
        #expect(
            PostgresLocation.isConnectionString("PostgreSQL://x") && !PostgresLocation.isConnectionString("state.db"))
    }

    /// A loopback port nobody listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()
        return port
    }
}
