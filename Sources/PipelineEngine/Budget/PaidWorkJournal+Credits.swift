extension PaidWorkJournal {
    /// Reserves this job's credits (the plan's ``estimate``, or `ceiling` when unpriced) with the
    /// run's ``CreditGuard``, after the claim and right before the create call; throws a
    /// ``TaskFailure`` ("budget reached: …") when a limit has no room. Outside a run, reserves
    /// nothing.
    public func reserveCredits(ceiling: Int?) async throws -> CreditHold {
        guard let creditGuard = CreditGuard.current else { return .none }
        return try await creditGuard.reserve(taskID: taskID, cacheKey: key, estimate: estimate, ceiling: ceiling)
    }

    /// The create answered with `charged` credits: the reservation becomes that.
    public func settleCredits(_ hold: CreditHold, charged: Int) async throws {
        try await CreditGuard.current?.settle(hold, charged: charged)
    }

    /// The project's final figure (`charged`), or 0 when it was refunded.
    public func correctCredits(_ hold: CreditHold, charged: Int) async throws {
        guard let creditGuard = CreditGuard.current else { return }
        if charged == 0 {
            await creditGuard.release(hold)
        } else {
            try await creditGuard.correct(hold, charged: charged)
        }
    }

    /// The create call proved nothing was charged: the reservation is freed.
    public func releaseCredits(_ hold: CreditHold) async {
        await CreditGuard.current?.release(hold)
    }

    /// The create call ended without an answer (it may have been charged): the reservation keeps
    /// counting.
    public func abandonCredits(_ hold: CreditHold) async {
        await CreditGuard.current?.abandon(hold)
    }
}
