import Foundation

/// When a cron expression fires, in a time zone.
///
/// The search walks the calendar by month, then day, then hour, so a rare schedule (a leap
/// day on a Monday) costs a few thousand steps, not a minute-by-minute scan. Wall-clock times
/// that daylight saving time skips or repeats follow ``LocalDateTime``'s rule: a skipped time
/// fires right after the gap (once, even if several times fell in it), a repeated one fires once.
public struct CronSchedule: Sendable {
    public var expression: CronExpression
    public var timeZone: TimeZone

    /// The calendar repeats every 400 years, so an expression that fires at all fires within them.
    public static let searchYears = 400

    public init(_ expression: CronExpression, timeZone: TimeZone) {
        self.expression = expression
        self.timeZone = timeZone
    }

    /// The first fire time strictly after `instant`, or `nil` if the expression never fires.
    public func next(after instant: Date) -> Date? {
        next(after: instant, count: 1).first
    }

    /// Up to `count` fire times strictly after `instant`, in order; empty if the expression never fires.
    public func next(after instant: Date, count: Int) -> [Date] {
        guard count > 0, expression.neverFiresProblem == nil else { return [] }
        let start = LocalDateTime(instant, in: timeZone)
        let months = expression.months.values.sorted()
        let hours = expression.hours.values.sorted()
        let minutes = expression.minutes.values.sorted()
        var times: [Date] = []
        for year in start.date.year...(start.date.year + Self.searchYears) {
            for month in months where year > start.date.year || month >= start.date.month {
                let sameMonth = year == start.date.year && month == start.date.month
                let lastDay = CivilDate.daysInMonth(year: year, month: month)
                for day in (sameMonth ? start.date.day : 1)...lastDay {
                    let date = CivilDate(year: year, month: month, day: day)
                    guard expression.runs(on: date) else { continue }
                    let sameDay = sameMonth && day == start.date.day
                    for hour in hours where !sameDay || hour >= start.hour {
                        let sameHour = sameDay && hour == start.hour
                        for minute in minutes where !sameHour || minute >= start.minute {
                            let fire = LocalDateTime(date: date, hour: hour, minute: minute).instant(in: timeZone)
                            // Wall-clock order maps to instants in order (equal ones when a DST gap
                            // folds several times onto its end): keep each instant once.
                            guard fire > instant, fire > (times.last ?? instant) else { continue }
                            times.append(fire)
                            if times.count == count { return times }
                        }
                    }
                }
            }
        }
        return times
    }
}
