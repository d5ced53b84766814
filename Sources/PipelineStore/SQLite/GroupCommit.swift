import GRDB
import NIOConcurrencyHelpers

/// The store's writes, committed in groups: the writes that arrive while a transaction is being
/// written wait for it, then run together in the next one, each in a savepoint of its own (a
/// write that arrives alone has the transaction to itself).
///
/// - Every write still succeeds or fails alone: one that throws rolls back its savepoint only,
///   and its caller gets its own error while the others commit.
/// - A write's caller resumes only once the transaction that holds it has committed: a write is
///   as durable on return as it was in a transaction of its own (the ledger's exactly-once rule
///   stands on that).
/// - If the commit fails, every write of the group gets that error: none of them is stored.
/// - Writes run in the order they arrived, one transaction at a time (the one writer connection).
///
/// Under load (a hundred tasks recording their progress at once) a group holds tens of writes:
/// one commit, one append to the WAL and one hop to the writer's queue instead of tens.
final class GroupCommit: Sendable {
    /// A write waiting for its group: runs inside the group's transaction, then hears how the
    /// commit went.
    private struct Pending: Sendable {
        /// Runs the write; in a savepoint of its own when it shares the transaction.
        let run: @Sendable (Database, _ shared: Bool) throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var pending: [Pending] = []
        /// Whether a group is being written (its completion starts the next).
        var writing = false
        /// Groups written so far (transactions), and the writes they held.
        var groups = 0
        var writes = 0
    }

    private let pool: DatabasePool
    private let state = NIOLockedValueBox(State())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Transactions written so far, and the writes they held (a ratio above 1: writes shared one).
    var counts: (groups: Int, writes: Int) {
        state.withLockedValue { ($0.groups, $0.writes) }
    }

    /// Runs `body` in a savepoint of the next group's transaction; returns once that committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = NIOLockedValueBox<Result<T, any Error>?>(nil)
            let pending = Pending(
                run: { db, shared in
                    do {
                        let value: T
                        if shared {
                            var result: T?
                            try db.inSavepoint {
                                result = try body(db)
                                return .commit
                            }
                            value = result!
                        } else {
                            value = try body(db)
                        }
                        outcome.withLockedValue { $0 = .success(value) }
                    } catch {
                        outcome.withLockedValue { $0 = .failure(error) }
                        // Alone in its transaction, the write's failure rolls the transaction back.
                        if !shared { throw error }
                    }
                },
                finish: { commitError in
                    switch (outcome.withLockedValue { $0 }, commitError) {
                    case (.failure(let error)?, _): continuation.resume(throwing: error)
                    case (_, let commitError?): continuation.resume(throwing: commitError)
                    case (.success(let value)?, nil): continuation.resume(returning: value)
                    case (nil, nil): continuation.resume(throwing: CancellationError())
                    }
                })
            let starts = state.withLockedValue { state in
                state.pending.append(pending)
                if state.writing { return false }
                state.writing = true
                return true
            }
            if starts { writeNextGroup() }
        }
    }

    /// Writes what is pending as one transaction, then the next group, until none is left.
    private func writeNextGroup() {
        let group = state.withLockedValue { state in
            let group = state.pending
            state.pending.removeAll(keepingCapacity: true)
            if group.isEmpty {
                state.writing = false
            } else {
                state.groups += 1
                state.writes += group.count
            }
            return group
        }
        guard !group.isEmpty else { return }
        pool.asyncWrite(
            { db in for pending in group { try pending.run(db, group.count > 1) } },
            completion: { _, result in
                let commitError: (any Error)? =
                    switch result {
                    case .success: nil
                    case .failure(let error): error
                    }
                for pending in group { pending.finish(commitError) }
                self.writeNextGroup()
            })
    }
}
