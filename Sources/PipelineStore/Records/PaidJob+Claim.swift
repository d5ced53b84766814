import Foundation

extension PaidJob {
    /// What a claim by `runID` on this existing job answers, or nil when the caller takes it anew:
    /// the rule of ``StateStore/claimPaidJob(key:taskID:runID:owner:estimate:at:replacingJobsBefore:resubmittingUncertain:)``,
    /// shared by every store. `ownerRunOutcome` is the outcome of this job's run row (nil: none),
    /// and `ownerLeaseLive` whether its owner's worker lease on that run is live (nil: the owner is
    /// not a worker of a shared run), both read in the claim's transaction. The lease decides for a
    /// worker, whose process another machine cannot look at.
    package func claimAnswer(
        runID: String, owner claimant: ProcessIdentity, ownerRunOutcome: RunOutcome?, ownerLeaseLive: Bool?,
        replacingJobsBefore: Date?, resubmittingUncertain: Bool
    ) -> PaidJobClaim? {
        let ownerAtWork: Bool
        if let ownerLeaseLive, ownerRunOutcome == .running {
            ownerAtWork = ownerLeaseLive && owner?.liveness != .gone
        } else {
            ownerAtWork = ownerIsAtWork(runOutcome: ownerRunOutcome)
        }
        switch state {
        case .submitted, .complete:
            // `--force` re-buys work finished before this run began, never a project another live
            // run is rendering (two forced runs at once buy it once).
            guard let before = replacingJobsBefore, self.runID != runID, updatedAt < before, !ownerAtWork else {
                return .existing(self)
            }
            return nil
        case .intent:
            // Another process's intent: another run's, or another worker's of this shared run.
            let anotherProcess = self.runID != runID || (owner.map { $0 != claimant } ?? false)
            if anotherProcess, ownerAtWork { return .heldByOtherRun(self) }
            return resubmittingUncertain ? nil : .uncertain(self)
        case .failed, .canceled, .gone:
            return nil
        }
    }
}
