import Foundation
import PipelineStore
import Testing

/// A fresh state file that another process is writing when the store opens it: two runs started
/// together in a new folder. Turning the file to WAL needs the write lock, and SQLite answers
/// `SQLITE_BUSY` at once there instead of calling the busy handler; the store must wait it out.
@Suite("Opening a fresh state file another process is writing")
struct FreshFileContentionTests {
    /// A python3 process that opens `path` in SQLite's default (rollback) mode, holds a write
    /// transaction on it for `seconds`, then commits; it says "held" once it has the lock.
    static func writer(holding path: String, for seconds: Double) async throws -> ChildProcess {
        let script = """
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE other_writer (id INTEGER PRIMARY KEY)")
            print("held", flush=True)
            time.sleep(float(sys.argv[2]))
            connection.execute("COMMIT")
            """
        let child = try await ChildProcess.start(program: "python3", ["-c", script, path, "\(seconds)"])
        guard try await child.waitForOutput(containing: "held") else {
            await child.kill()
            throw CocoaError(.fileLocking)
        }
        return child
    }

    @Test func theStoreOpensOnceTheOtherWriteEnds() async throws {
        let folder = try TemporaryDirectory("fresh-busy")
        let path = folder.file("state.db")
        let writer = try await Self.writer(holding: path, for: 0.6)
        let started = ContinuousClock.now
        let store = try SQLiteStateStore(path: path, busyTimeout: 20)
        let waited = ContinuousClock.now - started
        _ = try await writer.finish()
        // It waited for the other process rather than failing, and the file is a whole store.
        #expect(waited > .milliseconds(300), "opened after \(waited), while the other write held the lock")
        #expect(try await store.journalMode() == "wal")
        #expect(try await store.schemaVersion() == SQLiteStateStore.currentSchemaVersion)
        try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r1", at: Samples.t0)
        #expect(try await store.paidJob(key: "k")?.state == .intent)
    }

    @Test func aLockHeldPastTheBusyTimeoutFailsAfterTheTimeoutNotAtOnce() async throws {
        let folder = try TemporaryDirectory("fresh-busy-timeout")
        let path = folder.file("state.db")
        let writer = try await Self.writer(holding: path, for: 60)
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
