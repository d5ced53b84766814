import Foundation
import PostgresNIO
import Testing

@testable import PipelinePostgres
@testable import PipelineStore

/// The run lock on a shared store: a PostgreSQL session advisory lock.
@Suite("PostgresRunLock", .enabled(if: !PostgresTestServer.skipped, "PIPELINE_TEST_POSTGRES=skip"))
struct PostgresRunLockTests {
    /// A store's location on the test server (its schema created, so holders are recorded).
    static func withLocation(_ body: (PostgresLocation) async throws -> Void) async throws {
        let fixture = try StoreFixture(.postgres)
        do {
            let store = try #require(try await fixture.open() as? PostgresStateStore)
            try await body(store.location)
            await fixture.tearDown()
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    @Test("a second acquire fails naming the holder; release frees it; pipelines and schemas are apart")
    func heldAndReleased() async throws {
        try await Self.withLocation { location in
            let lock = try await PostgresRunLock.acquire(location: location, pipeline: "product launch/v2")
            #expect(lock.isHeld)
            #expect(lock.holder.pid == getpid() && lock.holder.host == ProcessIdentity.current.host)
            let path = PostgresRunLock.describe(location: location, pipeline: "product launch/v2")
            await #expect(throws: RunLockError.held(holder: lock.holder, path: path)) {
                _ = try await PostgresRunLock.acquire(location: location, pipeline: "product launch/v2")
            }
            #expect(
                try await PostgresRunLock.currentHolder(location: location, pipeline: "product launch/v2")
                    == lock.holder)
            let message = RunLockError.held(holder: lock.holder, path: path).description
            #expect(message.contains("pid \(getpid())") && message.contains(location.description))

            // Another pipeline, or the same name in another schema, is another lock.
            let other = try await PostgresRunLock.acquire(location: location, pipeline: "nightly")
            var elsewhere = location
            elsewhere.schema = location.schema + "_b"
            let sameNameElsewhere = try await PostgresRunLock.acquire(
                location: elsewhere, pipeline: "product launch/v2")
            await other.release()
            await sameNameElsewhere.release()

            await lock.release()
            #expect(!lock.isHeld)
            #expect(try await PostgresRunLock.currentHolder(location: location, pipeline: "product launch/v2") == nil)
            let again = try await PostgresRunLock.acquire(location: location, pipeline: "product launch/v2")
            await again.release()
            await again.release()
        }
    }

    @Test("a lock dropped without release() closes its connection: the lock is freed, nothing traps")
    func droppedLockIsFreed() async throws {
        try await Self.withLocation { location in
            do {
                let lock = try await PostgresRunLock.acquire(location: location, pipeline: "dropped")
                #expect(lock.isHeld)
            }
            // The server frees the lock once the closed connection's backend is gone.
            var freed = false
            for _ in 0..<100 where !freed {
                freed = try await PostgresRunLock.currentHolder(location: location, pipeline: "dropped") == nil
                if !freed { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(freed)
        }
    }

    @Test("the server releases the lock when the holder's connection dies (pg_terminate_backend)")
    func releasedWhenTheConnectionIsTerminated() async throws {
        try await Self.withLocation { location in
            let lock = try await PostgresRunLock.acquire(location: location, pipeline: "p")
            let schema = location.schema
            let terminated = try await PostgresTestServer.withConnection { connection, logger in
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL:
                            "SELECT pg_terminate_backend(backend_pid) FROM \(schema).run_lock_holders WHERE pipeline = 'p'"
                    ),
                    logger: logger
                ).collect().map { try $0.decode(Bool.self) }
            }
            #expect(terminated == [true])
            let next = try await PostgresRunLock.wait(location: location, pipeline: "p", timeout: .seconds(10))
            #expect(next.isHeld)
            // The terminated lock knows it lost its connection.
            for _ in 0..<50 where lock.isHeld { try await Task.sleep(for: .milliseconds(20)) }
            #expect(!lock.isHeld)
            await next.release()
            await lock.release()
        }
    }

    @Test("another process's lock names it, and is released when that process is SIGKILLed")
    func anotherProcessHoldsItUntilKilled() async throws {
        try await Self.withLocation { location in
            let key = StableKey.of("pipeline-run-lock", location.schema, "p")
            // psql takes the lock in its session, records itself as a holder, then waits idle for
            // more commands on standard input (an idle backend notices its client's death at once).
            let child = try await ChildProcess.start(
                program: "psql", [try PostgresTestServer.url(), "-v", "ON_ERROR_STOP=1", "-qAt"])
            defer { child.signal(SIGKILL) }
            let commands = """
                SELECT pg_advisory_lock(\(key));
                INSERT INTO \(location.schema).run_lock_holders VALUES (\(key), 'p', 'child-host', 4242, 1777615200, pg_backend_pid());
                SELECT 'locked';

                """
            child.write(commands)
            try #require(try await child.waitForOutput(containing: "locked"), "psql did not take the lock")

            await #expect {
                _ = try await PostgresRunLock.acquire(location: location, pipeline: "p")
            } throws: { error in
                guard case .held(let holder, _) = error as? RunLockError else { return false }
                return holder
                    == LockHolder(
                        pid: 4242, host: "child-host", startedAt: Date(timeIntervalSince1970: 1_777_615_200))
            }
            await child.kill()
            let lock = try await PostgresRunLock.wait(location: location, pipeline: "p", timeout: .seconds(10))
            #expect(lock.holder.pid == getpid())
            await lock.release()
        }
    }

    @Test("wait times out naming the holder, succeeds once released, and is cancellable")
    func waitTimesOutSucceedsAndCancels() async throws {
        try await Self.withLocation { location in
            let held = try await PostgresRunLock.acquire(location: location, pipeline: "p")
            let path = PostgresRunLock.describe(location: location, pipeline: "p")
            await #expect(throws: RunLockError.timedOut(holder: held.holder, path: path)) {
                _ = try await PostgresRunLock.wait(
                    location: location, pipeline: "p", timeout: .milliseconds(300), pollInterval: .milliseconds(20))
            }
            let waiter = Task {
                try await PostgresRunLock.wait(location: location, pipeline: "p", timeout: .seconds(60))
            }
            try await Task.sleep(for: .milliseconds(200))
            waiter.cancel()
            let result = await waiter.result
            #expect(throws: CancellationError.self) { try result.get() }

            async let releaser: Void = {
                try? await Task.sleep(for: .milliseconds(150))
                await held.release()
            }()
            let lock = try await PostgresRunLock.wait(
                location: location, pipeline: "p", timeout: .seconds(10), pollInterval: .milliseconds(20))
            await releaser
            #expect(lock.isHeld)
            await lock.release()
        }
    }
}
