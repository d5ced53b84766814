import Foundation

extension PaidJob {
    /// What a claim by `runID` on this existing job answers, or nil when the caller takes it anew:
    /// the rule of ``StateStore/claimPaidJob(key:taskID:runID:owner:estimate:at:replacingJobsBefore:resubmittingUncertain:)``,
    /// shared by every store. `ownerRunOutcome` is the outcome of this job's run row (nil: none),
    /// read in the claim's transaction.
    package func claimAnswer(
        runID: String, ownerRunOutcome: RunOutcome?, replacingJobsBefore: Date?, resubmittingUncertain: Bool
    ) -> PaidJobClaim? {
        let ownerAtWork = ownerIsAtWork(runOutcome: ownerRunOutcome)
        switch state {
        case .submitted, .complete:
            // `--force` re-buys work finished before this run began, never a project another live
            // run is rendering (two forced runs at once buy it once).
            guard let before = replacingJobsBefore, self.runID != runID, updatedAt < before, !ownerAtWork else {
                return .existing(self)
            }
            return nil
        case .intent:
            if self.runID != runID, ownerAtWork { return .heldByOtherRun(self) }
            return resubmittingUncertain ? nil : .uncertain(self)
        case .failed, .canceled, .gone:
            return nil
        }
    }
}
