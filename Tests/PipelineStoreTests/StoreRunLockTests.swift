import Foundation
import PipelineStore
import Testing

/// A pipeline's run lock through `StateStore.lockRun`, the one way the engine takes it, the same
/// for both stores: held, refused while held (naming the holder), waited for, free once released.
@Suite struct StoreRunLockTests {
    @Test("a held lock refuses a second taker at once, naming its holder", arguments: StoreKind.underTest)
    func heldThenRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let lock = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            #expect(lock.isHeld)
            #expect(lock.holder.pid == ProcessIdentity.current.pid)
            let refused = await #expect(throws: RunLockError.self) {
                _ = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            }
            if case .held(let holder, _)? = refused {
                #expect(holder.pid == lock.holder.pid)
            } else {
                Issue.record("expected .held, got \(String(describing: refused))")
            }
            await lock.release()
            #expect(!lock.isHeld)
        }
    }

    @Test("a wait that outlasts its limit gives up, naming the holder", arguments: StoreKind.underTest)
    func aWaitInVainTimesOut(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let lock = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            let started = ContinuousClock.now
            let refused = await #expect(throws: RunLockError.self) {
                _ = try await store.lockRun(pipeline: "launch", waitingUpTo: .milliseconds(300), shared: false)
            }
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            if case .timedOut(let holder, _)? = refused {
                #expect(holder.pid == lock.holder.pid)
            } else {
                Issue.record("expected .timedOut, got \(String(describing: refused))")
            }
            await lock.release()
        }
    }

    @Test("a waiter gets the lock once its holder releases it", arguments: StoreKind.underTest)
    func aWaiterGetsTheLockOnRelease(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let held = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            async let released: Void = {
                try? await Task.sleep(for: .milliseconds(200))
                await held.release()
            }()
            // A generous wait: a loaded machine may take long to run the releasing task.
            let next = try await store.lockRun(pipeline: "launch", waitingUpTo: .seconds(120), shared: false)
            await released
            #expect(next.isHeld)
            #expect(!held.isHeld)
            await next.release()
        }
    }

    @Test("locks of different pipelines are apart", arguments: StoreKind.underTest)
    func pipelinesAreApart(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let launch = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            let recap = try await store.lockRun(pipeline: "weekly recap", waitingUpTo: nil, shared: false)
            #expect(launch.isHeld && recap.isHeld)
            await launch.release()
            #expect(recap.isHeld, "releasing one pipeline's lock leaves the other's")
            await recap.release()
        }
    }

    @Test("a second store on the same file or schema sees the lock", arguments: StoreKind.underTest)
    func anotherStoreOnTheSameLocationSeesTheLock(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            let other = try await fixture.open()
            let lock = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            await #expect(throws: RunLockError.self) {
                _ = try await other.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            }
            await lock.release()
            let taken = try await other.lockRun(pipeline: "launch", waitingUpTo: .seconds(10), shared: false)
            #expect(taken.isHeld)
            await taken.release()
        }
    }

    @Test("a cancelled wait ends with CancellationError and takes nothing", arguments: StoreKind.underTest)
    func aCancelledWaitEnds(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let held = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            let waiter = Task {
                try await store.lockRun(pipeline: "launch", waitingUpTo: .seconds(60), shared: false)
            }
            try await Task.sleep(for: .milliseconds(100))
            waiter.cancel()
            let outcome = await waiter.result
            #expect(throws: CancellationError.self) { _ = try outcome.get() }
            #expect(held.isHeld, "the holder keeps its lock")
            await held.release()
            let free = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            await free.release()
        }
    }
}
