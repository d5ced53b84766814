import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// The run's budget guard against a real SQLite store: reservations, refusals that name the
/// limit, settling and releasing, one unpriced create at a time, and create slots.
@Suite struct CreditGuardTests {
    let folder: PlanFixture
    let store: SQLiteStateStore
    static let spender = CreditSpender(runID: "run-1", pipeline: "launch", account: "acct-1")

    init() throws {
        folder = try PlanFixture(images: [])
        store = try SQLiteStateStore(path: folder.path + "/state.db")
    }

    static func budget(_ credits: Int) -> CreditLimit {
        CreditLimit(scope: .run("run-1"), period: .unbounded, credits: credits, name: "settings.budget_credits")
    }

    func guarded(_ limits: [CreditLimit], maxParallelCreates: Int? = nil) -> CreditGuard {
        CreditGuard(
            store: store, spender: Self.spender, limits: limits, maxParallelCreates: maxParallelCreates,
            pollInterval: .milliseconds(5))
    }

    func usage(_ limit: CreditLimit) async throws -> CreditUsage {
        try #require(try await store.creditUsage(limits: [limit], at: Date()).first)
    }

    @Test func aReservationCountsUntilItIsSettledToWhatWasCharged() async throws {
        let limit = Self.budget(100)
        let guardian = guarded([limit])
        let hold = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 60, ceiling: nil)
        #expect(hold.amount == 60)
        #expect(!hold.unpriced)
        #expect(hold.slotKey == nil, "no slot without max_parallel_creates")
        #expect(try await usage(limit) == CreditUsage(limit: limit, spent: 0, reserved: 60))
        try await guardian.settle(hold, charged: 45)
        #expect(try await usage(limit) == CreditUsage(limit: limit, spent: 45, reserved: 0))
        try await guardian.correct(hold, charged: 50)
        #expect(
            try await usage(limit) == CreditUsage(limit: limit, spent: 50, reserved: 0), "a later figure replaces it")
    }

    @Test func aReservationPastTheLimitIsRefusedNamingIt() async throws {
        let guardian = guarded([Self.budget(100)])
        _ = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 60, ceiling: nil)
        do {
            _ = try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 60, ceiling: nil)
            Issue.record("a reservation past the budget was taken")
        } catch let failure as TaskFailure {
            #expect(
                failure.message
                    == "budget reached: settings.budget_credits is 100 credits and has 0 spent and 60 reserved; "
                    + "this create needs 60 credits; it was not created")
            #expect(!failure.isRetryable)
        }
        #expect(await guardian.refusedTasks == 1)
        _ = try await guardian.reserve(taskID: "t3", cacheKey: "k3", estimate: 40, ceiling: nil)
        #expect(await guardian.refusedTasks == 1, "exactly up to the limit fits")
    }

    @Test func theFirstLimitReachedIsTheOneNamed() async throws {
        let daily = CreditLimit(scope: .pipeline("launch"), period: .utcDay, credits: 10, name: "settings.budget.daily")
        let monthly = CreditLimit(
            scope: .account("acct-1"), period: .utcMonth, credits: 5, name: "settings.budget.account.monthly")
        let guardian = guarded([Self.budget(1000), daily, monthly])
        do {
            _ = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 20, ceiling: nil)
            Issue.record("a reservation past two limits was taken")
        } catch let failure as TaskFailure {
            #expect(failure.message.hasPrefix("budget reached: settings.budget.daily is 10 credits"))
            #expect(failure.message.contains("reserved today (UTC); this create needs 20 credits"))
        }
        do {
            _ = try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 8, ceiling: nil)
            Issue.record("a reservation past the monthly limit was taken")
        } catch let failure as TaskFailure {
            #expect(failure.message.contains("settings.budget.account.monthly is 5 credits"))
            #expect(failure.message.contains("reserved this month (UTC)"))
        }
        #expect(await guardian.refusedTasks == 2)
    }

    @Test func releasingFreesTheCreditsForTheNextCreate() async throws {
        let limit = Self.budget(100)
        let guardian = guarded([limit])
        let hold = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 80, ceiling: nil)
        await guardian.release(hold)
        #expect(try await usage(limit) == CreditUsage(limit: limit, spent: 0, reserved: 0))
        let next = try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 80, ceiling: nil)
        #expect(next.amount == 80)
    }

    @Test func anAbandonedCreateKeepsCounting() async throws {
        let limit = Self.budget(100)
        let guardian = guarded([limit])
        let hold = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 70, ceiling: nil)
        await guardian.abandon(hold)
        #expect(try await usage(limit).reserved == 70, "its create may have been charged")
        await #expect(throws: TaskFailure.self) {
            _ = try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 70, ceiling: nil)
        }
    }

    @Test func anUnpricedCreateReservesTheCeilingAndSaysSo() async throws {
        let guardian = guarded([Self.budget(100)])
        let hold = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: nil, ceiling: 30)
        #expect(hold.amount == 30)
        #expect(hold.unpriced)
        await guardian.release(hold)
        do {
            _ = try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: nil, ceiling: 150)
            Issue.record("an unpriced ceiling past the budget was reserved")
        } catch let failure as TaskFailure {
            #expect(failure.message.contains("this create needs 150 credits (the unpriced ceiling)"))
        }
        let after = try await guardian.reserve(taskID: "t3", cacheKey: "k3", estimate: nil, ceiling: 10)
        #expect(after.amount == 10, "a refusal lets the next unpriced create through")
    }

    @Test func onlyOneUnpricedCreateIsUnsettledAtATime() async throws {
        let guardian = guarded([Self.budget(1000)])
        let first = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: nil, ceiling: 10)
        let second = Task { try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: nil, ceiling: 10) }
        try await Task.sleep(for: .milliseconds(150))
        #expect(try await usage(Self.budget(1000)).reserved == 10, "the second waits for the first to settle")
        let priced = try await guardian.reserve(taskID: "t3", cacheKey: "k3", estimate: 5, ceiling: nil)
        #expect(priced.amount == 5, "a priced create does not wait")
        try await guardian.settle(first, charged: 10)
        let hold = try await second.value
        #expect(hold.amount == 10)
        #expect(try await usage(Self.budget(1000)) == CreditUsage(limit: Self.budget(1000), spent: 10, reserved: 15))
    }

    @Test func createSlotsLimitCreatesInFlight() async throws {
        let guardian = guarded([Self.budget(1000)], maxParallelCreates: 1)
        let first = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 1, ceiling: nil)
        #expect(first.slotKey != nil)
        let second = Task { try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 1, ceiling: nil) }
        try await Task.sleep(for: .milliseconds(150))
        #expect(try await usage(Self.budget(1000)).reserved == 2, "the second reserved and waits for a slot")
        await guardian.abandon(first)
        let hold = try await second.value
        #expect(hold.slotKey != nil)
        #expect(hold.slotKey != first.slotKey)
    }

    @Test func aCancelledWaitForASlotReleasesItsReservation() async throws {
        let limit = Self.budget(1000)
        let guardian = guarded([limit], maxParallelCreates: 1)
        let first = try await guardian.reserve(taskID: "t1", cacheKey: "k1", estimate: 1, ceiling: nil)
        let waiting = Task { try await guardian.reserve(taskID: "t2", cacheKey: "k2", estimate: 7, ceiling: nil) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(try await usage(limit).reserved == 1, "only the first create's reservation is left")
        await guardian.release(first)
    }

    @Test func limitsComeFromTheSettingsInOrder() {
        var settings = Settings(outputDirectory: "out", budgetCredits: 500)
        settings.fleet = FleetLimits(pipelineDaily: 100, pipelineMonthly: 1000, accountDaily: 50, accountMonthly: 900)
        let limits = RunCreditLimits.limits(
            settings: settings, runID: "r", pipeline: "launch", accountID: "acct", balance: 2000)
        #expect(
            limits.map(\.name) == [
                "settings.budget_credits", "the account's balance at the start", "settings.budget.daily",
                "settings.budget.monthly", "settings.budget.account.daily", "settings.budget.account.monthly",
            ])
        #expect(limits.map(\.credits) == [500, 2000, 100, 1000, 50, 900])
        #expect(
            limits.map(\.scope) == [
                .run("r"), .run("r"), .pipeline("launch"), .pipeline("launch"), .account("acct"), .account("acct"),
            ])
        #expect(limits.map(\.period) == [.unbounded, .unbounded, .utcDay, .utcMonth, .utcDay, .utcMonth])
    }

    @Test func accountLimitsNeedAnAccount() {
        let fleet = FleetLimits(pipelineDaily: 100, accountDaily: 50, accountMonthly: 900)
        #expect(RunCreditLimits.fleet(fleet, pipeline: "p", accountID: nil).map(\.name) == ["settings.budget.daily"])
        #expect(RunCreditLimits.fleet(FleetLimits(), pipeline: "p", accountID: "a").isEmpty)
        let settings = Settings(outputDirectory: "out")
        #expect(
            RunCreditLimits.limits(settings: settings, runID: "r", pipeline: "p", accountID: nil, balance: nil).isEmpty)
        #expect(
            RunCreditLimits.limits(settings: settings, runID: "r", pipeline: "p", accountID: nil, balance: 0).map(
                \.credits)
                == [0], "a balance of zero is a limit of zero")
    }
}
