/// What ``StateStore/claimPaidJob(key:taskID:runID:owner:estimate:at:replacingJobsBefore:resubmittingUncertain:)``
/// decided, in the one transaction that looked for an existing job and took the claim.
public enum PaidJobClaim: Sendable, Equatable {
    /// The caller owns the key now (an intent in its name): it may send the create call.
    case claimed
    /// A project exists for the key (submitted or complete): resume it, never create another.
    case existing(PaidJob)
    /// Another run that is still alive holds an intent: its create call is under way. Wait for
    /// its answer, then claim again.
    case heldByOtherRun(PaidJob)
    /// An intent whose owner is gone (or this run's own earlier one): the create call may or may
    /// not have happened. Never resubmitted automatically.
    case uncertain(PaidJob)
}

extension PaidJobClaim {
    /// Throws unless the claim was taken: what `recordIntent` (a claim that must succeed) does
    /// with the answer of ``StateStore/claimPaidJob(key:taskID:runID:owner:estimate:at:replacingJobsBefore:resubmittingUncertain:)``.
    /// - Throws: ``StateStoreError/paidJobConflict(key:state:projectID:path:)`` naming `path`.
    package func requireClaimed(key: String, path: String) throws {
        switch self {
        case .claimed:
            return
        case .existing(let job), .heldByOtherRun(let job), .uncertain(let job):
            throw StateStoreError.paidJobConflict(key: key, state: job.state, projectID: job.projectID, path: path)
        }
    }
}
