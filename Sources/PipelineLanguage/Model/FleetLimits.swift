/// `settings.budget` and `settings.max_parallel_creates`: limits held in the state store, so they
/// bind every run of every process and machine sharing it. Days and months are UTC calendar
/// days and months.
public struct FleetLimits: Sendable, Hashable {
    /// `budget.daily`: credits this pipeline's runs may reserve per UTC day, all runs together.
    public var pipelineDaily: Int?
    /// `budget.monthly`: the same per UTC month.
    public var pipelineMonthly: Int?
    /// `budget.account.daily`: credits every pipeline using this store with the same Magic Hour
    /// account may reserve per UTC day, together.
    public var accountDaily: Int?
    /// `budget.account.monthly`: the same per UTC month.
    public var accountMonthly: Int?
    /// `max_parallel_creates`: paid create calls in flight at once for the account, across every
    /// run using the store.
    public var maxParallelCreates: Int?

    /// Creates limits (none by default).
    public init(
        pipelineDaily: Int? = nil, pipelineMonthly: Int? = nil, accountDaily: Int? = nil, accountMonthly: Int? = nil,
        maxParallelCreates: Int? = nil
    ) {
        self.pipelineDaily = pipelineDaily
        self.pipelineMonthly = pipelineMonthly
        self.accountDaily = accountDaily
        self.accountMonthly = accountMonthly
        self.maxParallelCreates = maxParallelCreates
    }

    /// Whether a limit needs to know the Magic Hour account.
    public var needsAccount: Bool { accountDaily != nil || accountMonthly != nil || maxParallelCreates != nil }

    /// Whether any limit is set.
    public var isEmpty: Bool { self == FleetLimits() }
}
