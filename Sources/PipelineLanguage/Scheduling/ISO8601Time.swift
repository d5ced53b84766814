import Foundation

/// ISO 8601 times as `pipeline schedule` reads and prints them.
public enum ISO8601Time {
    /// The wall-clock time at `instant` in `timeZone` with its offset, e.g. `2026-11-26T06:00:00+01:00`.
    public static func format(_ instant: Date, in timeZone: TimeZone) -> String {
        let local = LocalDateTime(instant, in: timeZone)
        let offset = timeZone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return pad(local.date.year, 4) + "-" + pad(local.date.month) + "-" + pad(local.date.day)
            + "T" + pad(local.hour) + ":" + pad(local.minute) + ":" + pad(local.second)
            + sign + pad(minutes / 60) + ":" + pad(minutes % 60)
    }

    /// Reads `YYYY-MM-DD`, optionally followed by `THH:MM`, `:SS`, `.fraction` and an offset
    /// (`Z`, `±HH:MM`, `±HHMM` or `±HH`). Without an offset the time is read in `timeZone`;
    /// a date alone means its midnight. `nil` when the text is not such a time.
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        var scanner = Array(text.trimmingCharacters(in: .whitespaces).utf8)[...]
        func number(_ digits: Int) -> Int? {
            guard scanner.count >= digits else { return nil }
            var value = 0
            for byte in scanner.prefix(digits) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            scanner = scanner.dropFirst(digits)
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard let first = scanner.first, first == character.asciiValue else { return false }
            scanner = scanner.dropFirst()
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
            (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if skip("T") || skip("t") || skip(" ") {
            guard let h = number(2), skip(":"), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if skip(":") {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if skip(".") || skip(",") {
                    var scale = 0.1
                    var digits = 0
                    while let byte = scanner.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                        fraction += Double(byte - UInt8(ascii: "0")) * scale
                        scale /= 10
                        digits += 1
                        scanner = scanner.dropFirst()
                    }
                    guard digits > 0 else { return nil }
                }
            }
        }
        let local = LocalDateTime(
            date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
        if scanner.isEmpty { return local.instant(in: timeZone).addingTimeInterval(fraction) }
        var offset = 0
        if !(skip("Z") || skip("z")) {
            let sign: Int
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(2), hours <= 18 else { return nil }
            var minutes = 0
            if !scanner.isEmpty {
                _ = skip(":")
                guard let value = number(2), value < 60 else { return nil }
                minutes = value
            }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.isEmpty else { return nil }
        return Date(timeIntervalSince1970: Double(local.secondsSinceEpoch - offset) + fraction)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
