import Foundation
import NIOConcurrencyHelpers
import PipelineStore

/// A run's lock, kept for the length of the run.
///
/// A file lock lasts as long as the process, but a lock on a shared store lasts as long as its
/// connection: when the PostgreSQL server restarts, the server forgets the lock although the run
/// goes on. The keeper checks the lock every `interval`. A lost lock is taken again as soon as
/// the store answers. When another run took the lock in the meantime, or the store does not
/// answer for `patience`, ``watch(observer:)`` returns why, and the runner stops the run from
/// starting tasks (paid work already on record is resumed by whoever holds the lock next).
final class RunLockKeeper: Sendable {
    /// Takes the lock again, at once or failing (`RunLockError.held` when another run has it).
    typealias Take = @Sendable () async throws -> any RunLocking

    private let current: NIOLockedValueBox<any RunLocking>
    private let take: Take
    private let interval: Duration
    private let patience: Duration

    init(
        _ lock: any RunLocking, interval: Duration = .seconds(1), patience: Duration = .seconds(60),
        take: @escaping Take
    ) {
        current = NIOLockedValueBox(lock)
        self.take = take
        self.interval = interval
        self.patience = patience
    }

    /// Releases the lock held now (the first one, or the one taken again).
    func release() async {
        await current.withLockedValue { $0 }.release()
    }

    /// Checks the lock until cancelled (then returns nil), taking it again when it was lost;
    /// returns the reason when it is lost for good.
    func watch(observer: any RunObserver) async -> String? {
        let clock = ContinuousClock()
        var lostSince: ContinuousClock.Instant?
        while true {
            do { try await Task.sleep(for: interval) } catch { return nil }
            let lock = current.withLockedValue { $0 }
            if lock.isHeld { continue }
            let since = lostSince ?? clock.now
            lostSince = since
            do {
                let again = try await take()
                current.withLockedValue { $0 = again }
                lostSince = nil
                observer.observe(
                    .warning("the run lock was lost with its connection to the state store; taken again"))
            } catch RunLockError.held(let holder, _) {
                return
                    "the run lock was lost with its connection to the state store, and another run (\(holder)) holds it now; this run stopped starting tasks"
            } catch {
                if Task.isCancelled { return nil }
                if clock.now - since >= patience {
                    return
                        "the run lock was lost with its connection to the state store and could not be taken again within \(Int(patience.seconds)) s (\(error)); this run stopped starting tasks"
                }
            }
        }
    }

    /// Runs `work` (the scheduler) while watching the lock. When the lock is lost for good, the
    /// work is cancelled (it stops starting tasks and records what ran, as on Ctrl-C) and its
    /// summary says why: the run failed.
    func whileHeld(observer: any RunObserver, _ work: @escaping @Sendable () async -> RunSummary) async -> RunSummary {
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .finished(await work()) }
            group.addTask { .lost(await self.watch(observer: observer)) }
            var lostReason: String?
            while let next = await group.next() {
                switch next {
                case .finished(var summary):
                    group.cancelAll()
                    if let lostReason {
                        summary.outcome = .failed
                        summary.storeErrors.append(lostReason)
                    }
                    return summary
                case .lost(let reason):
                    guard let reason else { continue }
                    lostReason = reason
                    observer.observe(.warning(reason))
                    group.cancelAll()
                }
            }
            preconditionFailure("the work's task always finishes")
        }
    }

    private enum Outcome: Sendable {
        case finished(RunSummary)
        case lost(String?)
    }
}
