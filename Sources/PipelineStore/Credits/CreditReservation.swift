/// What ``StateStore/reserveCredits(key:amount:spender:limits:at:)`` decided, in the one
/// transaction that summed every limit's window and (only if all had room) recorded the
/// reservation.
public enum CreditReservation: Sendable, Hashable {
    /// The amount is reserved under the key: the caller may send its create call, then settle
    /// or release the key.
    case reserved
    /// Nothing was recorded: reserving the amount would take `usage.limit` over its cap (the
    /// first such limit, in the order given). `usage` is the window as it stood.
    case refused(CreditUsage)
}
