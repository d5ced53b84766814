import Foundation

/// How durations, times and counts read in the terminal and in logs.
enum HumanFormat {
    /// `0.4s`, `12s`, `3m05s`, `2h07m`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", max(0, seconds)) }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }

    /// `512 B`, `3.4 KB`, `12.0 MB`, `1.2 GB` (powers of 1000, like `ls --si`).
    static func bytes(_ count: Int64) -> String {
        if count < 1000 { return "\(count) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// A local time as `2026-11-25 06:00:03`.
    static func localTime(_ date: Date, in timeZone: TimeZone = .current) -> String {
        Date.ISO8601FormatStyle(dateTimeSeparator: .space, timeZone: timeZone).year().month().day().time(
            includingFractionalSeconds: false
        )
        .format(date)
    }

    /// An instant as ISO 8601 with the local offset: `2026-11-25T06:00:03+01:00`.
    static func iso8601(_ date: Date, in timeZone: TimeZone = .current) -> String {
        Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day().time(includingFractionalSeconds: false)
            .timeZone(separator: .colon).format(date)
    }
}
