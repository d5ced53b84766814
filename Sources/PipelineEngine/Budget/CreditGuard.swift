import Foundation
import PipelineStore

/// The budget guard of one run: before each paid create it reserves the job's credits in the
/// state store against every limit that applies (the run's `budget_credits`, the balance read at
/// start, `budget.daily` / `budget.monthly` of the pipeline and of the account), and takes a
/// create slot when `max_parallel_creates` is set; the create's answer settles the reservation to
/// what it charged, a failure that proves nothing was charged releases it. So concurrent tasks,
/// runs, processes and machines sharing a store can never together reserve past a limit.
///
/// A model without a published price reserves ``PipelineLanguage/UnpricedCeiling`` (the highest
/// price per second the catalog knows for its resolution and audio), and only one such create is
/// unsettled at a time in a run, so a wrong ceiling can be off by one create at most.
///
/// Executors reach the run's guard through ``current`` (a task-local value the runner sets
/// around the scheduler), via ``PaidWorkJournal/reserveCredits(ceiling:)``.
public actor CreditGuard {
    /// The guard of the run this task belongs to; nil outside a run (a lone executor in a test).
    @TaskLocal public static var current: CreditGuard?

    let store: any StateStore
    let spender: CreditSpender
    /// The limits every reservation is checked against, in the order refusals name them.
    public let limits: [CreditLimit]
    /// `max_parallel_creates`, counted per account across every process using the store.
    let maxParallelCreates: Int?
    /// How long a create slot lasts if its holder never frees it (a holder on another host that died).
    let slotLease: Duration
    /// How long to wait between tries for a slot, or for this run's unsettled unpriced create.
    let pollInterval: Duration
    /// Told when a release could not be written (the reservation then keeps counting).
    let observer: (any RunObserver)?
    private var unpricedInFlight = false
    private var refused: Set<String> = []

    /// Creates a guard.
    public init(
        store: any StateStore, spender: CreditSpender, limits: [CreditLimit], maxParallelCreates: Int?,
        slotLease: Duration = .seconds(600), pollInterval: Duration = .milliseconds(25),
        observer: (any RunObserver)? = nil
    ) {
        self.observer = observer
        self.store = store
        self.spender = spender
        self.limits = limits
        self.maxParallelCreates = maxParallelCreates
        self.slotLease = slotLease
        self.pollInterval = pollInterval
    }

    /// Tasks whose create was refused because a limit was reached.
    public var refusedTasks: Int { refused.count }

    /// Reserves `estimate` (or, unpriced, `ceiling`) for one create of `taskID`, then takes a
    /// create slot. Throws a ``TaskFailure`` ("budget reached: …", not retried) naming the limit,
    /// what it has spent and reserved, when the reservation would exceed one.
    public func reserve(taskID: String, cacheKey: String, estimate: Int?, ceiling: Int?) async throws -> CreditHold {
        let unpriced = estimate == nil
        if unpriced {
            while unpricedInFlight { try await Task.sleep(for: pollInterval) }
            unpricedInFlight = true
        }
        let amount = estimate ?? ceiling ?? 0
        let key = "\(spender.runID)/\(cacheKey)/\(UUID().uuidString)"
        let answer: CreditReservation
        do {
            answer = try await store.reserveCredits(
                key: key, amount: amount, spender: spender, limits: limits, at: Date())
        } catch {
            if unpriced { unpricedInFlight = false }
            throw error
        }
        if case .refused(let usage) = answer {
            if unpriced { unpricedInFlight = false }
            refused.insert(taskID)
            throw Self.refusal(usage, amount: amount, unpriced: unpriced)
        }
        var hold = CreditHold(key: key, slotKey: nil, amount: amount, unpriced: unpriced)
        do {
            hold.slotKey = try await takeSlot()
        } catch {
            await release(hold)
            throw error
        }
        return hold
    }

    /// The create answered: the reservation becomes what it charged, and the slot is freed.
    public func settle(_ hold: CreditHold, charged: Int) async throws {
        defer { endCreate(hold) }
        if let slot = hold.slotKey {
            await freeing("create slot \(slot)") { try await $0.releaseCreateSlot(key: slot) }
        }
        guard let key = hold.key else { return }
        try await store.settleCredits(key: key, amount: charged, at: Date())
    }

    /// A later figure for a settled reservation (the project's final `credits_charged`).
    public func correct(_ hold: CreditHold, charged: Int) async throws {
        guard let key = hold.key else { return }
        try await store.settleCredits(key: key, amount: charged, at: Date())
    }

    /// Nothing was charged (the create failed in a way that proves it, or the project was
    /// refunded): the reservation and the slot are freed. Store failures here only leave the
    /// reservation counting (never an overspend), so they are not thrown.
    public func release(_ hold: CreditHold) async {
        defer { endCreate(hold) }
        if let key = hold.key {
            await freeing("credit reservation \(key)") { try await $0.releaseCredits(key: key, at: Date()) }
        }
        if let slot = hold.slotKey {
            await freeing("create slot \(slot)") { try await $0.releaseCreateSlot(key: slot) }
        }
    }

    /// The create call ended without an answer to settle with (it may have been charged): the
    /// reservation keeps counting, the slot is freed.
    public func abandon(_ hold: CreditHold) async {
        defer { endCreate(hold) }
        if let slot = hold.slotKey {
            await freeing("create slot \(slot)") { try await $0.releaseCreateSlot(key: slot) }
        }
    }

    /// A release that could not be written only leaves a reservation counting or a slot taken
    /// until it expires (never an overspend): the run goes on, and is told.
    private func freeing(_ what: String, _ write: (any StateStore) async throws -> Void) async {
        do {
            try await write(store)
        } catch {
            observer?.observe(
                .warning("the state store could not free the \(what): \(error); it counts until it expires"))
        }
    }

    private func endCreate(_ hold: CreditHold) {
        if hold.unpriced { unpricedInFlight = false }
    }

    /// Waits for a create slot of the account; nil when `max_parallel_creates` is not set.
    private func takeSlot() async throws -> String? {
        guard let maxParallelCreates else { return nil }
        let key = "\(spender.runID)/slot/\(UUID().uuidString)"
        let scope = "account:\(spender.account ?? "pipeline:\(spender.pipeline)")"
        while true {
            let now = Date()
            let slot = CreateSlot(
                key: key, scope: scope, owner: spender.owner,
                expiresAt: now.addingTimeInterval(Double(slotLease.components.seconds)))
            if try await store.acquireCreateSlot(slot, limit: maxParallelCreates, at: now) { return key }
            try await Task.sleep(for: pollInterval)
        }
    }

    static func refusal(_ usage: CreditUsage, amount: Int, unpriced: Bool) -> TaskFailure {
        let window =
            switch usage.limit.period {
            case .unbounded: ""
            case .utcDay: " today (UTC)"
            case .utcMonth: " this month (UTC)"
            }
        let need = unpriced ? "\(amount) credits (the unpriced ceiling)" : "\(amount) credits"
        return TaskFailure(
            "budget reached: \(usage.limit.name) is \(usage.limit.credits) credits and has \(usage.spent) spent and "
                + "\(usage.reserved) reserved\(window); this create needs \(need); it was not created",
            retryable: false)
    }
}
