public import MagicHourRules
import NIOConcurrencyHelpers
import PipelineBasics

/// The renders finished so far and the jobs still rendering, shared by every job a
/// ``MagicHourClient`` waits for (one client per run): one ``RenderTimeEstimator`` per endpoint,
/// and a wake-up for waiting jobs when a finished render moved the estimate, so that they plan
/// their next poll again.
public final class RenderTimeBoard: Sendable {
    /// A job being waited for, known to the estimate as still rendering.
    private struct RunningJob {
        var endpoint: MagicHourEndpoint
        var submittedAt: ContinuousClock.Instant
        /// Seconds from submission to its last poll that found it unfinished (0 before the first).
        var lastUnfinished: Double
    }

    private struct State {
        var estimators: [MagicHourEndpoint: RenderTimeEstimator] = [:]
        var running: [Int: RunningJob] = [:]
        var nextJob = 0
        /// Bumped by every recorded duration that moved an estimate.
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

    /// Starts counting a job of `endpoint` submitted at `submittedAt` as rendering.
    /// - Returns: The job's token for ``polled(_:elapsed:)`` and ``finished(_:)``.
    public func started(_ endpoint: MagicHourEndpoint, submittedAt: ContinuousClock.Instant) -> Int {
        state.withLockedValue { state in
            state.nextJob += 1
            state.running[state.nextJob] = RunningJob(endpoint: endpoint, submittedAt: submittedAt, lastUnfinished: 0)
            return state.nextJob
        }
    }

    /// Notes that the job was still unfinished `elapsed` seconds after its submission.
    public func polled(_ job: Int, elapsed: Double) {
        state.withLockedValue { state in
            if let known = state.running[job]?.lastUnfinished, elapsed > known {
                state.running[job]?.lastUnfinished = elapsed
            }
        }
    }

    /// Stops counting the job as rendering (it finished, failed, or is no longer waited for).
    public func finished(_ job: Int) {
        _ = state.withLockedValue { state in state.running.removeValue(forKey: job) }
    }

    /// Records a finished render of `endpoint` and, when the estimate moved, wakes every waiting job.
    ///
    /// Each job of `endpoint` still counted as rendering enters the estimate as rendering for at
    /// least halfway between its last unfinished poll and `now` (it may have finished unseen since).
    public func record(
        _ endpoint: MagicHourEndpoint, typical: Double, seconds: Double, now: ContinuousClock.Instant = .now
    ) {
        let woken = state.withLockedValue { state in
            let running = state.running.values.lazy.filter { $0.endpoint == endpoint }.map { job in
                (job.lastUnfinished + job.submittedAt.duration(to: now).seconds) / 2
            }
            let moved = state.estimators[endpoint, default: RenderTimeEstimator(typical: typical)].record(
                seconds: seconds, running: Array(running))
            guard moved else { return [CheckedContinuation<Void, Never>]() }
            state.generation += 1
            let parked = state.parked
            state.parked = [:]
            return Array(parked.values)
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
