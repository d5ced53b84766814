/// A cap on credits: at most ``credits`` reserved in ``scope`` within one ``period``.
public struct CreditLimit: Sendable, Hashable, CustomStringConvertible {
    /// Whose reservations count.
    public var scope: CreditScope
    /// Which of them count: those made in the window of the reservation's instant.
    public var period: CreditPeriod
    /// The cap (credits, ≥ 0).
    public var credits: Int
    /// How the user set it, for messages: `settings.budget.daily`, `the account's balance`…
    public var name: String

    /// Creates a limit.
    public init(scope: CreditScope, period: CreditPeriod, credits: Int, name: String) {
        self.scope = scope
        self.period = period
        self.credits = credits
        self.name = name
    }

    /// "settings.budget.daily (2000 credits per UTC day, pipeline launch)".
    public var description: String {
        let per =
            switch period {
            case .unbounded: ""
            case .utcDay: " per UTC day"
            case .utcMonth: " per UTC month"
            }
        return "\(name) (\(credits) credits\(per), \(scope))"
    }
}
