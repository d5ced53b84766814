import Foundation

/// A wall-clock time (date and time of day, no zone) and its conversions to and from instants
/// in a time zone.
///
/// Daylight saving time: a wall-clock time that does not exist (skipped when clocks spring
/// forward) maps to the first instant after the gap, and one that exists twice (when clocks
/// fall back) maps to its first occurrence. Both match what Debian's cron does for jobs at a
/// fixed time: the skipped run happens right after the change, the repeated hour runs once.
public struct LocalDateTime: Sendable, Hashable, Comparable {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock time at `instant` in `timeZone` (fractions of a second dropped).
    public init(_ instant: Date, in timeZone: TimeZone) {
        let whole = Int(instant.timeIntervalSince1970.rounded(.down))
        self.init(secondsSinceEpoch: whole + timeZone.secondsFromGMT(for: instant))
    }

    /// Wall-clock seconds counted from 1970-01-01 00:00 as if the zone were UTC.
    init(secondsSinceEpoch seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        date = CivilDate(daysSinceEpoch: days)
        hour = inDay / 3600
        minute = inDay / 60 % 60
        second = inDay % 60
    }

    var secondsSinceEpoch: Int {
        date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The instant this wall-clock time names in `timeZone` (see the type's note on DST).
    public func instant(in timeZone: TimeZone) -> Date {
        let wall = secondsSinceEpoch
        func offset(at seconds: Int) -> Int {
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        }
        // Offsets in force around this wall-clock time (a zone's offset is within ±14 hours, and
        // transitions are months apart, so a day and a half either side sees both sides of one).
        let nearby = Set([offset(at: wall - 129_600), offset(at: wall), offset(at: wall + 129_600)])
        let matches = nearby.map { wall - $0 }.filter { offset(at: $0) == wall - $0 }
        if let earliest = matches.min() { return Date(timeIntervalSince1970: Double(earliest)) }
        // In a gap: find the transition between the instant read with the larger offset (still
        // before the change) and with the smaller one (already after it).
        guard let largest = nearby.max(), let smallest = nearby.min(), largest != smallest else {
            return Date(timeIntervalSince1970: Double(wall - offset(at: wall)))
        }
        var before = wall - largest
        var after = wall - smallest
        let offsetBefore = offset(at: before)
        while after - before > 1 {
            let middle = before + (after - before) / 2
            if offset(at: middle) == offsetBefore { before = middle } else { after = middle }
        }
        return Date(timeIntervalSince1970: Double(after))
    }

    public static func < (left: LocalDateTime, right: LocalDateTime) -> Bool {
        (left.date, left.hour, left.minute, left.second) < (right.date, right.hour, right.minute, right.second)
    }
}
