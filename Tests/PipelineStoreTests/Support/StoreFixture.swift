import Foundation
import PipelinePostgres
import PipelineStore

/// A store the tests may share between stores of one kind: an SQLite file in a temporary folder,
/// or a schema of its own on the test PostgreSQL. ``withStore(_:_:)`` opens it and removes it.
final class StoreFixture: @unchecked Sendable {
    let kind: StoreKind
    /// The SQLite file, or the PostgreSQL connection string (with its schema).
    let location: String
    private let folder: TemporaryDirectory?
    private let schema: String?
    private let lock = NSLock()
    private var opened: [PostgresStateStore] = []

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let folder = try TemporaryDirectory()
            self.folder = folder
            schema = nil
            location = folder.file("state.db")
        case .postgres:
            folder = nil
            let name = PostgresTestServer.freshSchemaName()
            schema = name
            location = try PostgresTestServer.url(schema: name)
        }
    }

    /// Opens (another) store on the fixture's location.
    func open() async throws -> any TestableStore {
        switch kind {
        case .sqlite:
            return try SQLiteStateStore(path: location)
        case .postgres:
            let store = try await PostgresStateStore(location)
            lock.withLock { opened.append(store) }
            return store
        }
    }

    /// Closes the stores opened and drops the schema (the folder goes with the fixture).
    func tearDown() async {
        let stores = lock.withLock { opened }
        for store in stores { await store.shutdown() }
        if let schema { await PostgresTestServer.drop(schema: schema) }
    }
}

/// Runs `body` with a fresh store of `kind`, then removes it whatever `body` did.
func withStore(
    _ kind: StoreKind, _ body: (any TestableStore, StoreFixture) async throws -> Void
) async throws {
    let fixture = try StoreFixture(kind)
    do {
        let store = try await fixture.open()
        try await body(store, fixture)
        await fixture.tearDown()
    } catch {
        await fixture.tearDown()
        throw error
    }
}
