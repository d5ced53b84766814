import Foundation
import GRDB
import Testing

@testable import PipelineStore

/// Writes that arrive together commit together, and each still succeeds or fails alone.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    @Test("200 writes at once share transactions; a write that throws leaves nothing, the others all commit")
    func concurrentWritesShareTransactions() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.path + "/state.db")
        defer { try? store.close() }
        try await store.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL)") }
        let before = store.writes.counts
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for n in 0..<200 {
                group.addTask {
                    do {
                        try await store.write { db in
                            try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                            // Every seventh write fails after its insert: its savepoint is rolled back.
                            if n % 7 == 0 { throw Refused() }
                        }
                        return (n, true)
                    } catch {
                        return (n, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (n, committed) in group { outcomes[n] = committed }
            return outcomes
        }
        #expect(outcomes.count == 200)
        for (n, committed) in outcomes { #expect(committed == (n % 7 != 0), "write \(n)") }
        // What a caller saw on return is in the file: read back through a new connection.
        try store.close()
        let reopened = try DatabaseQueue(path: directory.path + "/state.db")
        let stored = try await reopened.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        #expect(stored == (0..<200).filter { $0 % 7 != 0 })
        let after = store.writes.counts
        #expect(after.writes - before.writes == 200)
        #expect(after.groups - before.groups < 200, "every write had a transaction of its own: \(after)")
    }

    @Test("a write's own error reaches its caller, translated like any store error; a failed write leaves nothing")
    func errorsReachTheirCaller() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.path + "/state.db")
        defer { try? store.close() }
        await #expect(throws: StateStoreError.self) {
            try await store.write { db in try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") }
        }
        // The writer goes on: the next write commits.
        try await store.write { db in try db.execute(sql: "CREATE TABLE later (n INTEGER)") }
        let tables = try await store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name = 'later'")
        }
        #expect(tables == ["later"])
        // A write alone in its transaction that fails after writing leaves nothing behind.
        await #expect(throws: (any Error).self) {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO later (n) VALUES (1)")
                throw Refused()
            }
        }
        #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM later") } == 0)
    }
}
