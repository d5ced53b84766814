import Foundation
import PipelineStore
import Testing

@Suite("RunLock")
struct RunLockTests {
    @Test func aSecondAcquireFailsAndNamesTheHolder() throws {
        let folder = try TemporaryDirectory("lock")
        let path = RunLock.lockPath(stateFile: folder.file(".pipeline/state.db"), pipeline: "product launch/v2")
        #expect(path.hasSuffix("state.db.product_launch_v2.lock"))

        let lock = try RunLock.acquire(path: path)
        #expect(lock.isHeld)
        #expect(throws: RunLockError.held(holder: lock.holder, path: path)) {
            _ = try RunLock.acquire(path: path)
        }
        #expect(lock.holder.pid == getpid())
        #expect(lock.holder.host?.isEmpty == false)
        #expect(RunLock.currentHolder(path: path) == lock.holder)

        lock.release()
        #expect(!lock.isHeld)
        #expect(RunLock.currentHolder(path: path) == nil)
        let again = try RunLock.acquire(path: path)
        again.release()
        again.release()
    }

    @Test func theLockIsReleasedWhenItIsDropped() throws {
        let folder = try TemporaryDirectory("lock")
        let path = folder.file("state.db.lock")
        do {
            let lock = try RunLock.acquire(path: path)
            withExtendedLifetime(lock) {}
        }
        let lock = try RunLock.acquire(path: path)
        withExtendedLifetime(lock) {}
    }

    @Test func anotherProcessHoldsTheLockUntilItIsKilled() async throws {
        let folder = try TemporaryDirectory("lock")
        let path = folder.file("state.db.launch.lock")
        let child = try await LockHoldingChild.start(path: path)

        #expect {
            _ = try RunLock.acquire(path: path)
        } throws: { error in
            guard case .held(let holder, _) = error as? RunLockError else { return false }
            return holder.pid == child.pid && holder.host == "child-host"
                && holder.startedAt == Date(timeIntervalSince1970: 1_777_615_200)
        }

        await child.kill()
        let lock = try RunLock.acquire(path: path)
        #expect(lock.holder.pid == getpid())
        lock.release()
    }

    @Test func waitTimesOutWhileHeldAndSucceedsOnceReleased() async throws {
        let folder = try TemporaryDirectory("lock")
        let path = folder.file("state.db.lock")
        let held = try RunLock.acquire(path: path)

        await #expect(throws: RunLockError.timedOut(holder: held.holder, path: path)) {
            _ = try await RunLock.wait(path: path, timeout: .milliseconds(250), pollInterval: .milliseconds(20))
        }

        async let releaser: Void = {
            try? await Task.sleep(for: .milliseconds(150))
            held.release()
        }()
        let lock = try await RunLock.wait(path: path, timeout: .seconds(5), pollInterval: .milliseconds(20))
        await releaser
        #expect(lock.isHeld)
    }

    @Test func waitIsCancellable() async throws {
        let folder = try TemporaryDirectory("lock")
        let path = folder.file("state.db.lock")
        let held = try RunLock.acquire(path: path)
        let waiter = Task { try await RunLock.wait(path: path, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(100))
        waiter.cancel()
        let result = await waiter.result
        #expect(throws: CancellationError.self) { try result.get() }
        withExtendedLifetime(held) {}
    }
}
