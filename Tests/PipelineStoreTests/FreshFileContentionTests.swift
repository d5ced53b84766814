import Foundation
import NIOConcurrencyHelpers
import PipelineStore
import Testing

/// A fresh state file that another process is writing when the store opens it: two runs started
/// together in a new folder. Turning the file to WAL needs the write lock, and SQLite answers
/// `SQLITE_BUSY` at once there instead of calling the busy handler; the store must wait it out.
@Suite("Opening a fresh state file another process is writing")
struct FreshFileContentionTests {
    /// A python3 process that opens `path` in SQLite's default (rollback) mode and holds a write
    /// transaction on it until a line arrives on its standard input, then commits; it says
    /// "held" once it has the lock.
    static func writer(holding path: String) async throws -> ChildProcess {
        let script = """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE other_writer (id INTEGER PRIMARY KEY)")
            print("held", flush=True)
            sys.stdin.readline()
            connection.execute("COMMIT")
            """
        let child = try await ChildProcess.start(program: "python3", ["-c", script, path])
        guard try await child.waitForOutput(containing: "held") else {
            await child.kill()
            throw CocoaError(.fileLocking)
        }
        return child
    }

    @Test func theStoreOpensOnceTheOtherWriteEnds() async throws {
        let folder = try TemporaryDirectory("fresh-busy")
        let path = folder.file("state.db")
        let writer = try await Self.writer(holding: path)
        let ended = NIOLockedValueBox(false)
        let opening = Task.detached {
            defer { ended.withLockedValue { $0 = true } }
            return try SQLiteStateStore(path: path, busyTimeout: 30)
        }
        // While the other process holds the lock, the open waits rather than failing.
        try await Task.sleep(for: .milliseconds(400))
        #expect(!ended.withLockedValue { $0 }, "the open ended while another process held the lock")
        writer.write("commit\n")
        let store = try await opening.value
        _ = try await writer.finish()
        // And the file it opened is a whole store, beside the other writer's table.
        #expect(try await store.journalMode() == "wal")
        #expect(try await store.schemaVersion() == SQLiteStateStore.currentSchemaVersion)
        try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r1", at: Samples.t0)
        #expect(try await store.paidJob(key: "k")?.state == .intent)
    }

    @Test func aLockHeldPastTheBusyTimeoutFailsAfterTheTimeoutNotAtOnce() async throws {
        let folder = try TemporaryDirectory("fresh-busy-timeout")
        let path = folder.file("state.db")
        let writer = try await Self.writer(holding: path)
        defer { writer.signal(SIGKILL) }
        let started = ContinuousClock.now
        #expect {
            _ = try SQLiteStateStore(path: path, busyTimeout: 0.5)
        } throws: { error in
            guard case StateStoreError.busy(let busyPath, let timeout)? = error as? StateStoreError else {
                return false
            }
            return busyPath == path && timeout == 0.5
        }
        let waited = ContinuousClock.now - started
        // The message says "for more than 0.5 s": it must be true.
        #expect(waited >= .milliseconds(500), "failed after \(waited)")
        #expect(waited < .seconds(10), "failed after \(waited)")
    }
}
