import Foundation
import GRDB
import Testing

@testable import PipelineStore

@Suite("Schema migrations")
struct MigrationTests {
    @Test("a store written by schema v1 opens at the current version with its runs and tasks intact")
    func upgradesAVersionOneStore() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("old.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v1")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO runs (id, pipeline, file, started_at, outcome, host, pid) VALUES ('r1', 'p', 'p.yaml', 100, 'succeeded', 'h', 1);
                        INSERT INTO tasks (run_id, task_id, stage, cache_key, status, started_at, finished_at) VALUES ('r1', 't', 's', 'k', 'succeeded', 101, 102);
                        """)
            }
            #expect(try await queue.read { db in try StoreSchema.migrator.appliedMigrations(db) } == ["v1"])
        }
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == SQLiteStateStore.currentSchemaVersion)
        let tasks = try await store.tasks(runID: "r1")
        #expect(tasks.map(\.taskID) == ["t"])
        #expect(tasks.first?.phases == [])
        #expect(tasks.first?.finishedAt == Date(timeIntervalSince1970: 102))
        #expect(try await store.run(id: "r1")?.outcome == .succeeded)
    }
}
