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
                        INSERT INTO cache_entries VALUES ('k', 's', 't', 'image.resize', '{}', '[{"path":"out/t.png","sha256":"ab","bytes":3}]', 'r1', 103);
                        INSERT INTO cache_entries VALUES ('k2', 's', 't2', 'magic_hour.image_to_video', '{}', '[]', 'r1', 103);
                        INSERT INTO paid_jobs (key, task_id, run_id, state, intent_at, updated_at) VALUES ('k2', 't2', 'r1', 'complete', 101, 102);
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
        // v3: cache entries take their first file's path as location (none: empty); the ledger
        // keeps its jobs, without owners.
        #expect(try await store.cacheEntry(key: "k", location: "out/t.png")?.taskID == "t")
        #expect(try await store.cacheEntry(key: "k2")?.taskID == "t2")
        let job = try await store.paidJob(key: "k2")
        #expect(job?.state == .complete && job?.owner == nil)
    }
}
