extension PipelineDecoder {
    /// `settings.budget` (`daily`, `monthly`, `account: {daily, monthly}`) and
    /// `settings.max_parallel_creates`, each error at its value's location.
    mutating func decodeFleetLimits(_ settings: SyntaxNode) -> FleetLimits {
        var limits = FleetLimits()
        if let value = settings["max_parallel_creates"], let number = integer(value, "max_parallel_creates") {
            if (1...1000).contains(number) {
                limits.maxParallelCreates = number
            } else {
                sink.error(
                    .invalidValue, at: value.location, "'max_parallel_creates' must be from 1 to 1000, got \(number)")
            }
        }
        guard let budget = settings["budget"], let pairs = mapping(budget, "budget") else { return limits }
        checkKeys(pairs, allowed: LanguageKeys.budget, in: "budget")
        limits.pipelineDaily = credits(budget["daily"], "budget.daily")
        limits.pipelineMonthly = credits(budget["monthly"], "budget.monthly")
        if let account = budget["account"], let accountPairs = mapping(account, "budget.account") {
            checkKeys(accountPairs, allowed: LanguageKeys.accountBudget, in: "budget.account")
            limits.accountDaily = credits(account["daily"], "budget.account.daily")
            limits.accountMonthly = credits(account["monthly"], "budget.account.monthly")
        }
        if let daily = limits.pipelineDaily, let monthly = limits.pipelineMonthly, monthly < daily,
            let node = budget["monthly"]
        {
            sink.warning(
                .invalidValue, at: node.location,
                "'budget.monthly' (\(monthly)) is below 'budget.daily' (\(daily)): the daily limit can never be reached"
            )
        }
        return limits
    }

    /// A credit count: an integer ≥ 0.
    private mutating func credits(_ node: SyntaxNode?, _ what: String) -> Int? {
        guard let node, let number = integer(node, what) else { return nil }
        guard number >= 0 else {
            sink.error(.invalidValue, at: node.location, "'\(what)' must not be negative, got \(number)")
            return nil
        }
        return number
    }
}
