import Foundation
import NIOConcurrencyHelpers
import PipelineStore
import SecretRedaction

/// The exactly-once journal of one task's paid work, as an executor sees it.
///
/// The order is the contract: ``claim(whileHeld:)`` before the create call (an atomic claim on
/// the cache key, shared by every run of every pipeline using the store),
/// ``recordSubmitted(projectID:credits:)`` as soon as the call answers (durable when it
/// returns), then ``update(_:status:error:)``. A later run finds the project id and resumes it
/// instead of paying again; a concurrent run finds the claim and waits for its answer.
public struct PaidWorkJournal: Sendable {
    public let key: String
    public let taskID: String
    public let runID: String
    /// `--force`: jobs recorded before this instant by other runs are paid for again; nil never.
    public let replacingJobsBefore: Date?
    /// `--resubmit-uncertain`: an intent whose owner is gone is claimed anew.
    public let resubmittingUncertain: Bool
    /// How long to wait between looks at a claim another run holds.
    public let claimPollInterval: Duration
    /// The plan's estimate of the job's credits (nil when unpriced), recorded with the claim.
    public let estimate: Int?
    let store: any StateStore

    public init(
        key: String, taskID: String, runID: String, replacingJobsBefore: Date? = nil,
        resubmittingUncertain: Bool = false, claimPollInterval: Duration = .milliseconds(250), estimate: Int? = nil,
        store: any StateStore
    ) {
        self.key = key
        self.taskID = taskID
        self.runID = runID
        self.replacingJobsBefore = replacingJobsBefore
        self.resubmittingUncertain = resubmittingUncertain
        self.claimPollInterval = claimPollInterval
        self.estimate = estimate
        self.store = store
    }

    /// The job recorded for this task's key, if any.
    public func existing() async throws -> PaidJob? {
        try await store.paidJob(key: key)
    }

    /// The project this task should resume rather than create: a submitted or complete job
    /// that `--force` does not replace.
    public func resumableProject() async throws -> PaidJob? {
        guard let job = try await existing(), job.projectID != nil, job.state == .submitted || job.state == .complete
        else { return nil }
        if let before = replacingJobsBefore, job.runID != runID, job.updatedAt < before { return nil }
        return job
    }

    /// Claims the key before the create call. While another live run holds it, waits (calling
    /// `whileHeld` once with its job) until that run records its answer or goes away, then
    /// decides again; so the answer is never ``PaidJobClaim/heldByOtherRun(_:)``.
    public func claim(whileHeld: (PaidJob) -> Void = { _ in }) async throws -> PaidJobClaim {
        var told = false
        while true {
            // Marked before the store can hold this task's intent, so that another task of this
            // process which meets the intent finds the mark (marked after, it could meet the
            // intent first and call it uncertain).
            Self.mark(key)
            let claim: PaidJobClaim
            do {
                claim = try await store.claimPaidJob(
                    key: key, taskID: taskID, runID: runID, owner: .current, estimate: estimate, at: Date(),
                    replacingJobsBefore: replacingJobsBefore, resubmittingUncertain: resubmittingUncertain)
            } catch {
                Self.unmark(key)
                throw error
            }
            // Claimed: the mark stays until ``endCreate()``.
            if case .claimed = claim { return claim }
            Self.unmark(key)
            let job: PaidJob
            switch claim {
            case .heldByOtherRun(let held):
                job = held
            case .uncertain(let intent) where intent.runID == runID && intent.taskID != taskID && isBeingCreatedHere:
                // Another task of this run and process with the same key (the same content under
                // another name) is in its create step: wait for its project, as for another run's.
                job = intent
            default:
                return claim
            }
            if !told {
                whileHeld(job)
                told = true
            }
            try await Task.sleep(for: claimPollInterval)
        }
    }

    /// Per key, the tasks of this process in their create step (claimed, not yet answered) or
    /// about to claim it.
    private static let creating = NIOLockedValueBox<[String: Int]>([:])

    private static func mark(_ key: String) {
        creating.withLockedValue { $0[key, default: 0] += 1 }
    }

    private static func unmark(_ key: String) {
        creating.withLockedValue { marks in
            guard let count = marks[key] else { return }
            marks[key] = count > 1 ? count - 1 : nil
        }
    }

    private var isBeingCreatedHere: Bool { Self.creating.withLockedValue { $0[key] != nil } }

    /// Ends the create step ``claim(whileHeld:)`` began (answered, failed or uncertain): another
    /// task of this process with the same key no longer waits for it.
    public func endCreate() {
        Self.unmark(key)
    }

    /// How long ``recordSubmitted(projectID:credits:)`` keeps trying a store that does not answer.
    public static let recordPatience: Duration = .seconds(90)

    /// Records the project the create call answered with; durable on return.
    ///
    /// A paid project whose id is not written makes its task uncertain, so a store that does not
    /// answer (a PostgreSQL restart, a network blip, a busy SQLite file) is tried again, with
    /// growing pauses, for up to ``recordPatience``; the caller's cancellation (a run stopping)
    /// does not cut this short.
    public func recordSubmitted(projectID: String, credits: Int) async throws {
        let (store, key) = (store, key)
        // An unstructured task: the caller's cancellation is not passed on.
        try await Task {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: Self.recordPatience)
            var pause = Duration.milliseconds(100)
            while true {
                do {
                    return try await store.recordSubmitted(key: key, projectID: projectID, credits: credits, at: Date())
                } catch let error as StateStoreError where error.mayPassOnRetry && clock.now < deadline {
                    try await Task.sleep(for: pause)
                    pause = min(pause * 2, .seconds(2))
                }
            }
        }.value
    }

    /// Records the job's new state. Texts from the API pass through the key's redaction.
    public func update(_ state: PaidJob.State, status: String?, error: String? = nil) async throws {
        try await store.updatePaidJob(
            key: key, state: state, lastStatus: status.map(SecretRedactor.shared.redact),
            lastError: error.map(SecretRedactor.shared.redact), at: Date())
    }

    /// Records the job's final state and, in the same write, what its project finally cost (0
    /// when refunded; `nil`: unchanged). Texts from the API pass through the key's redaction.
    public func finish(
        _ state: PaidJob.State, status: String?, error: String? = nil, finalCredits: Int?
    ) async throws {
        try await store.finishPaidJob(
            key: key, state: state, lastStatus: status.map(SecretRedactor.shared.redact),
            lastError: error.map(SecretRedactor.shared.redact), finalCredits: finalCredits, at: Date())
    }

    /// Records that the API no longer knows `projectID` (a 404): every paid job that recorded it
    /// becomes `gone` and the cache entries made from it are forgotten, so the next plan shows
    /// the work as "to run: recorded project gone", with its credits.
    public func recordProjectGone(projectID: String, error: String) async throws {
        _ = try await store.markProjectGone(
            projectID: projectID, error: SecretRedactor.shared.redact(error), at: Date())
    }
}
