import Foundation

/// How the page writes times, durations and sizes: the same on every machine (UTC, no locale).
enum ReportFormat {
    /// `2025-11-25 06:15:00 UTC`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04ld-%02ld-%02ld %02ld:%02ld:%02ld UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    /// `850 ms`, `12.3 s`, `3 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        let seconds = max(0, seconds)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%ld min %02ld s", whole / 60, whole % 60) }
        return String(format: "%ld h %02ld min", whole / 3600, (whole % 3600) / 60)
    }

    /// `512 B`, `12.3 KB`, `4.5 MB` (1 KB = 1024 bytes).
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if count < 1024 { return "\(count) B" }
        if value < 1024 * 1024 { return String(format: "%.1f KB", value / 1024) }
        if value < 1024 * 1024 * 1024 { return String(format: "%.1f MB", value / 1024 / 1024) }
        return String(format: "%.2f GB", value / 1024 / 1024 / 1024)
    }

    /// A tick label on the timeline axis: seconds since the run started.
    static func offset(_ seconds: Double, step: Double) -> String {
        if step < 1 { return String(format: "%.1f s", seconds) }
        if step < 60 { return "\(Int(seconds.rounded())) s" }
        let whole = Int(seconds.rounded())
        if step < 3600 { return String(format: "%ld:%02ld", whole / 60, whole % 60) }
        return String(format: "%ld h %02ld", whole / 3600, (whole % 3600) / 60)
    }

    /// `1 task`, `3 tasks`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
