import Foundation

/// Parses durations such as `90s`, `20m`, `1h30m`, `500ms` or a bare number of seconds.
public enum DurationText {
    /// The longest `timeout:` one attempt may have: 7 days.
    public static let longestTimeout: Double = 7 * 86_400
    /// The longest `schedule.wait_timeout`: 7 days.
    public static let longestWait: Double = 7 * 86_400
    /// The longest `retry.backoff`: 1 hour (doubled up to 19 times, it stays within years).
    public static let longestBackoff: Double = 3600

    /// A whole number of days, hours, minutes or seconds as the language writes it: `7d`, `1h`, `90s`.
    public static func describe(_ seconds: Double) -> String {
        for (unit, scale) in [("d", 86_400.0), ("h", 3600.0), ("m", 60.0)]
        where seconds >= scale && (seconds / scale).rounded() == seconds / scale {
            return Value.format(seconds / scale) + unit
        }
        return Value.format(seconds) + "s"
    }

    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed), plain.isFinite { return plain }
        var total = 0.0
        var number = ""
        var unit = ""
        var sawPart = false
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: return false
            }
            total += value * scale
            number = ""
            unit = ""
            sawPart = true
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        if !number.isEmpty || !unit.isEmpty { guard flush() else { return nil } }
        return sawPart && total.isFinite ? total : nil
    }
}
