/// What a ``CreditLimit``'s window holds at an instant.
public struct CreditUsage: Sendable, Hashable {
    /// The limit.
    public var limit: CreditLimit
    /// Credits of settled reservations (what create calls answered they charged).
    public var spent: Int
    /// Credits of reservations not settled yet (create calls under way, or whose answer was
    /// never recorded).
    public var reserved: Int

    /// Creates a usage.
    public init(limit: CreditLimit, spent: Int, reserved: Int) {
        self.limit = limit
        self.spent = spent
        self.reserved = reserved
    }

    /// Credits still available in the window (never negative).
    public var remaining: Int { max(0, limit.credits - spent - reserved) }
}
