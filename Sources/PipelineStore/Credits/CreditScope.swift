/// Whose spending a ``CreditLimit`` bounds.
///
/// Every reservation is tagged with the three identities of a ``CreditSpender`` (its run, its
/// pipeline, its account); a limit sums the reservations whose tag equals the scope's value.
public enum CreditScope: Sendable, Hashable, CustomStringConvertible {
    /// One run (`settings.budget_credits`, and the balance read when the run started).
    case run(String)
    /// Every run of a pipeline, by its name, of every process using the store.
    case pipeline(String)
    /// Every run of every pipeline using the store with one Magic Hour account (see
    /// ``CreditSpender/account``).
    case account(String)

    /// The identity the scope matches.
    public var value: String {
        switch self {
        case .run(let id), .pipeline(let id), .account(let id): id
        }
    }

    /// "run R", "pipeline P", "account A".
    public var description: String {
        switch self {
        case .run(let id): "run \(id)"
        case .pipeline(let name): "pipeline \(name)"
        case .account(let id): "account \(id)"
        }
    }
}
