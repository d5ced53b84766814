import PipelineLanguage
import PipelineStore

/// The credit limits of one run, from its settings: what ``CreditGuard`` reserves against and
/// what `pipeline plan` shows.
public enum RunCreditLimits {
    /// The run's own limits (`budget_credits`, the balance read at start) and the fleet's
    /// (`budget.daily`/`monthly` of the pipeline, `budget.account.daily`/`monthly` of the account
    /// when it is known), in that order.
    public static func limits(
        settings: Settings, runID: String, pipeline: String, accountID: String?, balance: Int?
    ) -> [CreditLimit] {
        var limits: [CreditLimit] = []
        if let budget = settings.budgetCredits {
            limits.append(
                CreditLimit(scope: .run(runID), period: .unbounded, credits: budget, name: "settings.budget_credits"))
        }
        if let balance {
            limits.append(
                CreditLimit(
                    scope: .run(runID), period: .unbounded, credits: balance, name: "the account's balance at the start"
                ))
        }
        return limits + fleet(settings.fleet, pipeline: pipeline, accountID: accountID)
    }

    /// The limits held in the store for every run: the pipeline's, then the account's (when known).
    public static func fleet(_ fleet: FleetLimits, pipeline: String, accountID: String?) -> [CreditLimit] {
        var limits: [CreditLimit] = []
        if let daily = fleet.pipelineDaily {
            limits.append(
                CreditLimit(scope: .pipeline(pipeline), period: .utcDay, credits: daily, name: "settings.budget.daily"))
        }
        if let monthly = fleet.pipelineMonthly {
            limits.append(
                CreditLimit(
                    scope: .pipeline(pipeline), period: .utcMonth, credits: monthly, name: "settings.budget.monthly"))
        }
        guard let accountID else { return limits }
        if let daily = fleet.accountDaily {
            limits.append(
                CreditLimit(
                    scope: .account(accountID), period: .utcDay, credits: daily, name: "settings.budget.account.daily"))
        }
        if let monthly = fleet.accountMonthly {
            limits.append(
                CreditLimit(
                    scope: .account(accountID), period: .utcMonth, credits: monthly,
                    name: "settings.budget.account.monthly"))
        }
        return limits
    }
}
