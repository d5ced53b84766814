import Foundation
import Testing

@testable import PipelineStore

/// Workers sharing one run: joining, task claims with leases and fencing epochs, leaving.
@Suite("Workers sharing a run")
struct WorkerStoreTests {
    static let workerA = ProcessIdentity(host: "host-a", pid: 101, startTicks: 1)
    static let workerB = ProcessIdentity(host: "host-b", pid: 202, startTicks: 2)

    static func candidate(_ id: String, pipeline: String = "launch", tasks: Int = 3) -> RunRecord {
        var run = Samples.run(id, pipeline: pipeline)
        run.totals.tasksTotal = tasks
        return run
    }

    @Test(
        "the first worker begins the run; the second joins it; a run without live workers is closed, not joined",
        arguments: StoreKind.underTest)
    func joinOrBegin(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let first = try await store.joinWorkerRun(
                Self.candidate("r1"), worker: Self.workerA, lease: 30, at: Samples.t0)
            #expect(first.run.id == "r1" && !first.joined && first.closed.isEmpty)
            let second = try await store.joinWorkerRun(
                Self.candidate("r2"), worker: Self.workerB, lease: 30, at: Samples.t0.addingTimeInterval(1))
            #expect(second.run.id == "r1" && second.joined)
            #expect(try await store.run(id: "r2") == nil)
            // 60 s later neither lease is live: the next worker closes r1 as crashed and begins its own.
            let third = try await store.joinWorkerRun(
                Self.candidate("r3"), worker: Self.workerA, lease: 30, at: Samples.t0.addingTimeInterval(60))
            #expect(third.run.id == "r3" && !third.joined)
            #expect(third.closed.map(\.id) == ["r1"])
            #expect(try await store.run(id: "r1")?.outcome == .crashed)
        }
    }

    @Test(
        "a claim is held while its lease lasts, taken over after it with a higher epoch, finished for good",
        arguments: StoreKind.underTest)
    func claimsAndLeases(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.joinWorkerRun(Self.candidate("r1"), worker: Self.workerA, lease: 10, at: Samples.t0)
            guard
                case .claimed(let fenceA) = try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerA, lease: 10, at: Samples.t0)
            else {
                Issue.record("the first claim was not granted")
                return
            }
            #expect(fenceA.epoch == 1)
            let held = try await store.claimTask(
                runID: "r1", taskID: "t1", worker: Self.workerB, lease: 10, at: Samples.t0.addingTimeInterval(5))
            #expect(held == .held(by: Self.workerA, until: Samples.t0.addingTimeInterval(10)))
            // A renews at 5 s: still held at 12 s.
            #expect(
                try await store.renewWorkerLease(
                    runID: "r1", worker: Self.workerA, lease: 10, at: Samples.t0.addingTimeInterval(5)) == ["t1"])
            guard
                case .held = try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerB, lease: 10, at: Samples.t0.addingTimeInterval(12))
            else {
                Issue.record("a renewed lease did not hold")
                return
            }
            // A stops renewing: at 16 s B takes it over with epoch 2.
            guard
                case .claimed(let fenceB) = try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerB, lease: 10, at: Samples.t0.addingTimeInterval(16))
            else {
                Issue.record("an ended lease was not taken over")
                return
            }
            #expect(fenceB.epoch == 2)
            #expect(
                try await store.renewWorkerLease(
                    runID: "r1", worker: Self.workerA, lease: 10, at: Samples.t0.addingTimeInterval(17)
                ).isEmpty)
            // A's late writes are refused; B's stand.
            var late = Samples.task("t1", run: "r1", status: .succeeded)
            late.error = "from A"
            await #expect(throws: StateStoreError.fenced(taskID: "t1", path: store.path)) {
                try await store.recordTask(late, fence: fenceA)
            }
            await #expect(throws: StateStoreError.fenced(taskID: "t1", path: store.path)) {
                try await store.saveCacheEntry(Samples.cacheEntry("k-t1"), fence: fenceA)
            }
            try await store.saveCacheEntry(Samples.cacheEntry("k-t1"), fence: fenceB)
            try await store.recordTask(Samples.task("t1", run: "r1", status: .succeeded), fence: fenceB)
            #expect(try await store.tasks(runID: "r1").map(\.error) == [nil])
            // Finished: nobody claims it again, even after every lease ended.
            #expect(
                try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerA, lease: 10, at: Samples.t0.addingTimeInterval(100))
                    == .finished(.succeeded))
        }
    }

    @Test("20 concurrent claims of one task: exactly one is granted", arguments: StoreKind.underTest)
    func concurrentClaims(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.joinWorkerRun(Self.candidate("r1"), worker: Self.workerA, lease: 30, at: Samples.t0)
            let granted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let worker = ProcessIdentity(host: "h\(index)", pid: Int32(index), startTicks: 1)
                        let claim = try? await store.claimTask(
                            runID: "r1", taskID: "t1", worker: worker, lease: 30, at: Samples.t0)
                        if case .claimed? = claim { return true }
                        return false
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(granted == 1)
        }
    }

    @Test(
        "the last worker to leave closes the run from its task rows; an earlier one leaves it running",
        arguments: StoreKind.underTest)
    func leaving(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.joinWorkerRun(
                Self.candidate("r1", tasks: 3), worker: Self.workerA, lease: 30, at: Samples.t0)
            _ = try await store.joinWorkerRun(Self.candidate("x"), worker: Self.workerB, lease: 30, at: Samples.t0)
            for (task, worker) in [("t1", Self.workerA), ("t2", Self.workerB)] {
                guard
                    case .claimed(let fence) = try await store.claimTask(
                        runID: "r1", taskID: task, worker: worker, lease: 30, at: Samples.t0)
                else {
                    Issue.record("claim of \(task) not granted")
                    return
                }
                try await store.recordTask(Samples.task(task, run: "r1", status: .succeeded), fence: fence)
            }
            #expect(
                try await store.leaveWorkerRun(runID: "r1", worker: Self.workerA, outcome: .succeeded, at: Samples.t0)
                    == nil)
            #expect(try await store.run(id: "r1")?.outcome == .running)
            // A shared run with a live worker is not closed by a history command either.
            #expect(try await store.closeAbandonedRuns(pipeline: nil, at: Samples.t0).isEmpty)
            let closed = try await store.leaveWorkerRun(
                runID: "r1", worker: Self.workerB, outcome: .succeeded, at: Samples.t0.addingTimeInterval(1))
            #expect(closed?.outcome == .succeeded)
            #expect(closed?.totals.tasksSucceeded == 2)
            #expect(closed?.totals.tasksCached == 1)
            #expect(try await store.run(id: "r1")?.outcome == .succeeded)
        }
    }

    @Test(
        "a leaving worker's unfinished claims are free at once; a failed row fails the run it closes",
        arguments: StoreKind.underTest)
    func leavingReleasesClaims(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.joinWorkerRun(
                Self.candidate("r1", tasks: 2), worker: Self.workerA, lease: 30, at: Samples.t0)
            _ = try await store.joinWorkerRun(Self.candidate("x"), worker: Self.workerB, lease: 30, at: Samples.t0)
            guard
                case .claimed = try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerA, lease: 30, at: Samples.t0)
            else { return }
            _ = try await store.leaveWorkerRun(runID: "r1", worker: Self.workerA, outcome: .interrupted, at: Samples.t0)
            guard
                case .claimed(let fence) = try await store.claimTask(
                    runID: "r1", taskID: "t1", worker: Self.workerB, lease: 30, at: Samples.t0.addingTimeInterval(0.5))
            else {
                Issue.record("a released claim was not free")
                return
            }
            #expect(fence.epoch == 2)
            try await store.recordTask(Samples.task("t1", run: "r1", status: .failed), fence: fence)
            let closed = try await store.leaveWorkerRun(
                runID: "r1", worker: Self.workerB, outcome: .succeeded, at: Samples.t0.addingTimeInterval(1))
            #expect(closed?.outcome == .failed)
        }
    }

    @Test(
        "a worker on this host whose process is gone keeps no run open, though its lease still runs",
        arguments: StoreKind.underTest)
    func deadWorkerIsNotWaitedFor(kind: StoreKind) async throws {
        // This host, this pid, another start: the process that held the lease is gone (SIGKILLed, say).
        let dead = ProcessIdentity(
            host: ProcessIdentity.current.host, pid: ProcessIdentity.current.pid,
            startTicks: (ProcessIdentity.current.startTicks ?? 0) + 1)
        #expect(dead.liveness == .gone)
        try await withStore(kind) { store, _ in
            _ = try await store.joinWorkerRun(Self.candidate("r1"), worker: Self.workerB, lease: 600, at: Samples.t0)
            // It joins while alive, then dies with its lease still running.
            let joined = try await store.joinWorkerRun(
                Self.candidate("r2"), worker: dead, lease: 600, at: Samples.t0.addingTimeInterval(1))
            #expect(joined.run.id == "r1" && joined.joined)
            // The survivor leaves within the dead worker's lease: it is the last live one and closes the run.
            let closed = try await store.leaveWorkerRun(
                runID: "r1", worker: Self.workerB, outcome: .succeeded, at: Samples.t0.addingTimeInterval(2))
            #expect(closed?.outcome == .succeeded)
            #expect(try await store.run(id: "r1")?.outcome == .succeeded)
            // A run whose only worker is dead is closed as crashed by the next worker, not joined.
            _ = try await store.joinWorkerRun(
                Self.candidate("r3"), worker: dead, lease: 600, at: Samples.t0.addingTimeInterval(3))
            let next = try await store.joinWorkerRun(
                Self.candidate("r4"), worker: Self.workerB, lease: 600, at: Samples.t0.addingTimeInterval(4))
            #expect(next.run.id == "r4" && !next.joined)
            #expect(next.closed.map(\.id) == ["r3"])
            #expect(try await store.run(id: "r3")?.outcome == .crashed)
        }
    }

    @Test(
        "shared run locks coexist; an exclusive one excludes them, and they exclude it", arguments: StoreKind.underTest)
    func sharedLocks(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let a = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: true)
            let b = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: true)
            await #expect(throws: RunLockError.self) {
                _ = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            }
            await a.release()
            await b.release()
            let exclusive = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: false)
            await #expect(throws: RunLockError.self) {
                _ = try await store.lockRun(pipeline: "launch", waitingUpTo: nil, shared: true)
            }
            await exclusive.release()
        }
    }
}
