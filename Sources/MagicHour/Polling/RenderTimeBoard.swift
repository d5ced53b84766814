public import MagicHourRules
import NIOConcurrencyHelpers

/// The renders finished so far, shared by every job a ``MagicHourClient`` waits for (one client
/// per run): one ``RenderTimeEstimator`` per endpoint, and a wake-up for waiting jobs when a new
/// render finished, so that they plan their next poll again.
public final class RenderTimeBoard: Sendable {
    private struct State {
        var estimators: [MagicHourEndpoint: RenderTimeEstimator] = [:]
        /// Bumped by every recorded duration.
        var generation = 0
        var nextWaiter = 0
        /// Waiters parked until the generation changes.
        var parked: [Int: CheckedContinuation<Void, Never>] = [:]
        /// Waiters cancelled before they parked.
        var cancelledEarly: Set<Int> = []
    }

    private let state = NIOLockedValueBox(State())

    /// An empty board.
    public init() {}

    /// The estimate for `endpoint` (a fresh one with prior median `typical` seconds when none
    /// finished yet), and the generation it belongs to.
    public func estimate(
        _ endpoint: MagicHourEndpoint, typical: Double
    ) -> (estimator: RenderTimeEstimator, generation: Int) {
        state.withLockedValue { state in
            (state.estimators[endpoint] ?? RenderTimeEstimator(typical: typical), state.generation)
        }
    }

    /// Records a finished render of `endpoint` and wakes every waiting job.
    public func record(_ endpoint: MagicHourEndpoint, typical: Double, seconds: Double) {
        let woken = state.withLockedValue { state in
            state.estimators[endpoint, default: RenderTimeEstimator(typical: typical)].record(seconds: seconds)
            state.generation += 1
            let parked = state.parked
            state.parked = [:]
            return parked.values
        }
        for continuation in woken { continuation.resume() }
    }

    /// Sleeps until `deadline`, or until a render is recorded after `generation`, whichever is first.
    /// - Returns: Whether it woke because of a new render.
    /// - Throws: `CancellationError` when the calling task is cancelled.
    public func sleep(until deadline: ContinuousClock.Instant, unlessChangedSince generation: Int) async throws -> Bool
    {
        let changed = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return false
            }
            group.addTask {
                await self.changed(since: generation)
                return true
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        try Task.checkCancellation()
        return changed
    }

    /// Returns once the generation is not `generation` (at once if it already is not), or when cancelled.
    private func changed(since generation: Int) async {
        let id = state.withLockedValue { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state in
                    if state.generation != generation || state.cancelledEarly.remove(id) != nil { return true }
                    state.parked[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLockedValue { state in
                guard let continuation = state.parked.removeValue(forKey: id) else {
                    // Not parked yet (or already woken): a later park sees this and returns at once.
                    if state.generation == generation { state.cancelledEarly.insert(id) }
                    return nil as CheckedContinuation<Void, Never>?
                }
                return continuation
            }
            continuation?.resume()
        }
    }
}
