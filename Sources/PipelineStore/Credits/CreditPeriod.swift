import Foundation

/// The time window in which a ``CreditLimit`` sums reservations. Days and months are UTC
/// calendar days and months: the window of an instant starts at 00:00:00 UTC of its day (or of
/// the first day of its month) and ends, exclusive, where the next one starts.
public enum CreditPeriod: String, Sendable, Hashable, CaseIterable {
    /// All time (a run's budget: the run's reservations whenever they were made).
    case unbounded
    /// The UTC calendar day of the instant.
    case utcDay = "day"
    /// The UTC calendar month of the instant.
    case utcMonth = "month"

    /// `[start, end)` of the window holding `date`, or nil for ``unbounded``.
    public func window(containing date: Date) -> (start: Date, end: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        switch self {
        case .unbounded:
            return nil
        case .utcDay:
            let start = calendar.startOfDay(for: date)
            return (start, calendar.date(byAdding: .day, value: 1, to: start)!)
        case .utcMonth:
            let parts = calendar.dateComponents([.year, .month], from: date)
            let start = calendar.date(from: parts)!
            return (start, calendar.date(byAdding: .month, value: 1, to: start)!)
        }
    }
}
