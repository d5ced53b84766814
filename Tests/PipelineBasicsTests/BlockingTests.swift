import Foundation
import NIOConcurrencyHelpers
import PipelineBasics
import Testing

/// Serialized: one test fills every thread of the pool, which would slow the timed one.
@Suite(.serialized) struct BlockingTests {
    struct Refused: Error, Equatable {}

    @Test func runReturnsTheWorksResultFromAnotherThread() async throws {
        let value = try await Blocking.run { 6 * 7 }
        #expect(value == 42)
    }

    @Test func runRethrowsTheWorksError() async {
        await #expect(throws: Refused()) {
            try await Blocking.run { () throws -> Int in throw Refused() }
        }
    }

    @Test func runsOfManyTasksOverlapOnThePool() async throws {
        // Four half-second sleepers (the pool has at least four threads) run side by side: more
        // than one is inside its work at once (counted, not timed: the machine may be loaded).
        let active = NIOLockedValueBox((now: 0, peak: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await Blocking.run {
                        active.withLockedValue {
                            $0.now += 1; $0.peak = max($0.peak, $0.now)
                        }
                        _ = usleep(500_000)
                        active.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(active.withLockedValue { $0.peak } > 1)
    }

    @Test func aCancelledTaskDoesNotStartQueuedWork() async throws {
        // Fill every thread, then queue one more piece of work from a task cancelled at once.
        let started = NIOLockedValueBox(0)
        let release = ConditionLock(value: false)
        var blockers: [Task<Void, any Error>] = []
        for _ in 0..<Blocking.threadCount {
            blockers.append(
                Task {
                    try await Blocking.run {
                        release.lock(whenValue: true)
                        release.unlock()
                    }
                })
        }
        try await Task.sleep(for: .milliseconds(200))
        let queued = Task { try await Blocking.run { started.withLockedValue { $0 += 1 } } }
        queued.cancel()
        try await Task.sleep(for: .milliseconds(100))
        // The pool sees the cancellation when a thread takes the work: free the threads first.
        release.lock()
        release.unlock(withValue: true)
        let outcome = await queued.result
        for blocker in blockers { try await blocker.value }
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(started.withLockedValue { $0 } == 0)
    }

    @Test func mapKeepsTheOrderOfItsItems() {
        let items = Array(0..<1000)
        #expect(Blocking.map(items) { $0 * $0 } == items.map { $0 * $0 })
        #expect(Blocking.map([Int]()) { $0 } == [])
        #expect(Blocking.map([7]) { $0 + 1 } == [8])
    }

    @Test func mapComputesEveryItemExactlyOnce() {
        let calls = NIOLockedValueBox<[Int: Int]>([:])
        _ = Blocking.map(Array(0..<500)) { item in calls.withLockedValue { $0[item, default: 0] += 1 } }
        let counted = calls.withLockedValue { $0 }
        #expect(counted.count == 500)
        #expect(counted.values.allSatisfy { $0 == 1 })
    }

    @Test func mapInsideRunOnEveryThreadOfThePoolFinishes() async throws {
        // Every pool thread runs a map at once: the callers work themselves, so none waits forever.
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for offset in 0..<Blocking.threadCount {
                group.addTask {
                    try await Blocking.run { Blocking.map(Array(0..<200)) { $0 + offset }.reduce(0, +) }
                }
            }
            var all: [Int] = []
            for try await result in group { all.append(result) }
            return all.sorted()
        }
        let base = (0..<200).reduce(0, +)
        #expect(results == (0..<Blocking.threadCount).map { base + 200 * $0 })
    }
}
