/// Credits reserved (and possibly a create slot held) for one paid create call, from
/// ``CreditGuard/reserve(taskID:cacheKey:estimate:ceiling:)`` until the call's answer settles it
/// or its failure releases it.
public struct CreditHold: Sendable, Equatable {
    /// The reservation's key in the store (unique per create call); nil when no guard applies.
    public var key: String?
    /// The create slot's key, when `max_parallel_creates` applies.
    public var slotKey: String?
    /// The credits reserved.
    public var amount: Int
    /// Whether the amount is the unpriced ceiling (one such create unsettled at a time per run).
    public var unpriced: Bool

    /// A hold that reserves nothing (no guard for this run).
    public static let none = CreditHold(key: nil, slotKey: nil, amount: 0, unpriced: false)
}
