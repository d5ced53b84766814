import Foundation
import Testing

@testable import PipelineStore

/// Credit reservations against fleet-wide limits, and create slots: atomic in the store, so that
/// concurrent tasks and processes sharing it can never together pass a limit.
@Suite("Credit limits and create slots")
struct CreditLimitTests {
    static let spender = CreditSpender(runID: "r1", pipeline: "launch", account: "acct-1")

    static func daily(_ credits: Int, _ scope: CreditScope = .account("acct-1")) -> CreditLimit {
        CreditLimit(scope: scope, period: .utcDay, credits: credits, name: "settings.budget.account.daily")
    }

    @Test("UTC windows: a day runs from 00:00 UTC to the next, a month from its first day")
    func windows() throws {
        // 2026-05-28T20:26:40Z
        let day = try #require(CreditPeriod.utcDay.window(containing: Samples.t0))
        #expect(day.start == Date(timeIntervalSince1970: 1_779_926_400))
        #expect(day.end.timeIntervalSince(day.start) == 86_400)
        let month = try #require(CreditPeriod.utcMonth.window(containing: Samples.t0))
        #expect(month.start == Date(timeIntervalSince1970: 1_777_593_600))  // 2026-05-01
        #expect(month.end == Date(timeIntervalSince1970: 1_780_272_000))  // 2026-06-01
        #expect(CreditPeriod.unbounded.window(containing: Samples.t0) == nil)
    }

    @Test(
        "200 concurrent reservations of 7 against a limit of 100 from two connections: exactly 14 pass",
        arguments: StoreKind.underTest)
    func concurrentReservationsNeverExceed(kind: StoreKind) async throws {
        try await withStore(kind) { first, fixture in
            // Two stores on one file or database: two connection pools, as two processes would have.
            let second = try await fixture.open()
            let limit = Self.daily(100)
            let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask {
                        let answer = try await store.reserveCredits(
                            key: "k\(index)", amount: 7, spender: Self.spender, limits: [limit], at: Samples.t0)
                        return answer == .reserved
                    }
                }
                var count = 0
                for try await ok in group where ok { count += 1 }
                return count
            }
            #expect(passed == 14)
            let usage = try await first.creditUsage(limits: [limit], at: Samples.t0)
            #expect(usage == [CreditUsage(limit: limit, spent: 0, reserved: 98)])
            #expect(usage.first?.remaining == 2)
        }
    }

    @Test(
        "settle replaces the reservation by the charge (over the estimate too); release frees it",
        arguments: StoreKind.underTest)
    func settleAndRelease(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let limits = [
                CreditLimit(scope: .run("r1"), period: .unbounded, credits: 1000, name: "settings.budget_credits"),
                Self.daily(300),
            ]
            #expect(
                try await store.reserveCredits(
                    key: "a", amount: 100, spender: Self.spender, limits: limits, at: Samples.t0)
                    == .reserved)
            #expect(
                try await store.reserveCredits(
                    key: "b", amount: 100, spender: Self.spender, limits: limits, at: Samples.t0)
                    == .reserved)
            // The answer charged more than estimated: the next reservation sees the real spend.
            try await store.settleCredits(key: "a", amount: 150, at: Samples.t0)
            guard
                case .refused(let usage) = try await store.reserveCredits(
                    key: "c", amount: 100, spender: Self.spender, limits: limits, at: Samples.t0)
            else {
                Issue.record("a reservation over the daily limit passed")
                return
            }
            #expect(usage.limit == limits[1] && usage.spent == 150 && usage.reserved == 100)
            // A refused reservation records nothing; a released one counts nowhere.
            try await store.releaseCredits(key: "b", at: Samples.t0)
            try await store.releaseCredits(key: "b", at: Samples.t0)
            #expect(try await store.creditUsage(limits: limits, at: Samples.t0).map(\.spent) == [150, 150])
            #expect(try await store.creditUsage(limits: limits, at: Samples.t0).map(\.reserved) == [0, 0])
            #expect(
                try await store.reserveCredits(
                    key: "c", amount: 100, spender: Self.spender, limits: limits, at: Samples.t0)
                    == .reserved)
            await #expect(throws: StateStoreError.self) {
                try await store.reserveCredits(
                    key: "c", amount: 1, spender: Self.spender, limits: limits, at: Samples.t0)
            }
            await #expect(throws: StateStoreError.self) {
                try await store.settleCredits(key: "gone", amount: 1, at: Samples.t0)
            }
        }
    }

    @Test(
        "scopes and periods: another account, pipeline or day does not count; the month does",
        arguments: StoreKind.underTest)
    func scopesAndPeriods(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let other = CreditSpender(runID: "r2", pipeline: "other", account: "acct-2")
            let yesterday = Samples.t0.addingTimeInterval(-86_400)
            _ = try await store.reserveCredits(key: "a", amount: 50, spender: Self.spender, limits: [], at: yesterday)
            _ = try await store.reserveCredits(key: "b", amount: 70, spender: other, limits: [], at: Samples.t0)
            _ = try await store.reserveCredits(key: "c", amount: 20, spender: Self.spender, limits: [], at: Samples.t0)
            let limits = [
                Self.daily(1000), CreditLimit(scope: .account("acct-1"), period: .utcMonth, credits: 1000, name: "m"),
                CreditLimit(scope: .pipeline("launch"), period: .utcDay, credits: 1000, name: "p"),
                CreditLimit(scope: .pipeline("other"), period: .utcDay, credits: 1000, name: "o"),
                CreditLimit(scope: .run("r1"), period: .unbounded, credits: 1000, name: "r"),
            ]
            let reserved = try await store.creditUsage(limits: limits, at: Samples.t0).map(\.reserved)
            #expect(reserved == [20, 70, 20, 70, 70])
        }
    }

    @Test("create slots: at most the limit held per scope; a dead holder's or an expired slot frees itself")
    func createSlots() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        let later = Samples.t0.addingTimeInterval(600)
        func slot(_ key: String, _ owner: ProcessIdentity = .current, scope: String = "account:a") -> CreateSlot {
            CreateSlot(key: key, scope: scope, owner: owner, expiresAt: later)
        }
        #expect(try await store.acquireCreateSlot(slot("1"), limit: 2, at: Samples.t0))
        #expect(try await store.acquireCreateSlot(slot("2"), limit: 2, at: Samples.t0))
        #expect(try await !store.acquireCreateSlot(slot("3"), limit: 2, at: Samples.t0))
        #expect(try await store.acquireCreateSlot(slot("x", scope: "account:b"), limit: 2, at: Samples.t0))
        try await store.releaseCreateSlot(key: "1")
        #expect(try await store.acquireCreateSlot(slot("3"), limit: 2, at: Samples.t0))

        // A holder process that exited: its slot is free at the next acquire.
        let dead = ProcessIdentity(
            host: ProcessIdentity.current.host, pid: try await ChildProcess.exitedPID(), startTicks: nil)
        let folder2 = try TemporaryDirectory()
        let other = try SQLiteStateStore(path: folder2.file("state.db"))
        #expect(try await other.acquireCreateSlot(slot("d", dead), limit: 1, at: Samples.t0))
        #expect(try await other.acquireCreateSlot(slot("live"), limit: 1, at: Samples.t0))
        #expect(try await !other.acquireCreateSlot(slot("next"), limit: 1, at: Samples.t0))
        // A holder on another host (liveness unknown) keeps its slot until it expires.
        let remote = ProcessIdentity(host: "elsewhere", pid: 1, startTicks: nil)
        try await other.releaseCreateSlot(key: "live")
        #expect(try await other.acquireCreateSlot(slot("r", remote), limit: 1, at: Samples.t0))
        #expect(try await !other.acquireCreateSlot(slot("next"), limit: 1, at: Samples.t0.addingTimeInterval(599)))
        #expect(try await other.acquireCreateSlot(slot("next"), limit: 1, at: later))
    }

    @Test("a killed holder process's slot is freed: the child holds it, SIGKILL, the slot is taken")
    func killedHolderFreesSlot() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        let child = try await LockHoldingChild.start(path: folder.file("lock"))
        let holder = ProcessIdentity(
            host: ProcessIdentity.current.host, pid: child.pid, startTicks: ProcessIdentity.startTicks(of: child.pid))
        let slot = CreateSlot(
            key: "child", scope: "account:a", owner: holder, expiresAt: Samples.t0.addingTimeInterval(600))
        #expect(try await store.acquireCreateSlot(slot, limit: 1, at: Samples.t0))
        let mine = CreateSlot(key: "me", scope: "account:a", expiresAt: Samples.t0.addingTimeInterval(600))
        #expect(try await !store.acquireCreateSlot(mine, limit: 1, at: Samples.t0))
        await child.kill()
        #expect(try await store.acquireCreateSlot(mine, limit: 1, at: Samples.t0))
    }
}
