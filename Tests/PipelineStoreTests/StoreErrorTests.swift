import Foundation
@testable import PipelineStore
import Testing

@Suite("SQLiteStateStore errors")
struct StoreErrorTests {
    @Test func garbageFileIsReportedAsCorrupt() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("state.db")
        let garbage = Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteStateStore(path: path)
            Issue.record("opening garbage succeeded")
        } catch let error as StateStoreError {
            guard case .corrupt(let reportedPath, _) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(reportedPath == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("Move it aside"))
        }
    }

    @Test func aFolderThatCannotBeCreatedIsReportedAsCannotOpen() throws {
        let folder = try TemporaryDirectory()
        let blocker = folder.file("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        #expect {
            _ = try SQLiteStateStore(path: blocker + "/state.db")
        } throws: { error in
            guard case .cannotOpen(let path, _) = error as? StateStoreError else { return false }
            return path == blocker + "/state.db"
        }
    }

    @Test func aFileFromANewerVersionIsRefused() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("state.db")
        do {
            let store = try SQLiteStateStore(path: path)
            try await store.beginRun(Samples.run("r1"))
            try store.close()
        }
        // Simulate a newer release's migration with the sqlite3 schema table GRDB keeps.
        try await Self.markNewerMigration(path: path)
        #expect(throws: StateStoreError.newerSchema(path: path, unknownMigrations: ["v99"])) {
            _ = try SQLiteStateStore(path: path)
        }
    }

    private static func markNewerMigration(path: String) async throws {
        let helper = try SQLiteStateStore(path: path)
        try await helper.executeForTesting("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        try helper.close()
    }
}
