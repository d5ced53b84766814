import Foundation

/// A validated five-field cron expression (Vixie cron syntax) or `@daily`-style macro.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// One field's allowed values and whether it was written starting with `*` (matters for the day OR rule).
    public struct Field: Sendable, Hashable {
        public var values: Set<Int>
        public var isWildcard: Bool
    }

    public var text: String
    public var minutes: Field
    public var hours: Field
    public var daysOfMonth: Field
    public var months: Field
    /// 0 = Sunday … 6 = Saturday (7 is folded into 0).
    public var daysOfWeek: Field

    public var description: String { text }

    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Parses `text`; errors carry the column offset of the offending field.
    public init(parsing text: String) throws(ExpressionError) {
        self.text = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var expanded = trimmed
        if trimmed.hasPrefix("@") {
            guard let macro = Self.macros[trimmed.lowercased()] else {
                throw ExpressionError(
                    .invalidCron, at: 0, "unknown cron macro '\(trimmed)'",
                    hint: Suggestion.didYouMean(trimmed, among: Self.macros.keys)
                        ?? "macros are " + Self.macros.keys.sorted().joined(separator: ", "))
            }
            expanded = macro
        }
        var fields: [(text: Substring, offset: Int)] = []
        var offset = 0
        var current = ""
        var start = 0
        for character in expanded {
            if character == " " || character == "\t" {
                if !current.isEmpty { fields.append((Substring(current), start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
            offset += 1
        }
        if !current.isEmpty { fields.append((Substring(current), start)) }
        guard fields.count == 5 else {
            throw ExpressionError(
                .invalidCron, at: 0,
                "a cron expression has 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)",
                hint: "for example \"0 6 * * 1-5\" runs at 06:00 on weekdays")
        }
        let macroOffset: (Int) -> Int = { trimmed.hasPrefix("@") ? 0 : $0 }
        minutes = try Self.field(fields[0].text, "minute", 0...59, names: [], offset: macroOffset(fields[0].offset))
        hours = try Self.field(fields[1].text, "hour", 0...23, names: [], offset: macroOffset(fields[1].offset))
        daysOfMonth = try Self.field(
            fields[2].text, "day of month", 1...31, names: [], offset: macroOffset(fields[2].offset))
        months = try Self.field(
            fields[3].text, "month", 1...12, names: Self.monthNames, offset: macroOffset(fields[3].offset), nameBase: 1)
        var week = try Self.field(
            fields[4].text, "day of week", 0...7, names: Self.dayNames, offset: macroOffset(fields[4].offset))
        if week.values.contains(7) {
            week.values.remove(7)
            week.values.insert(0)
        }
        daysOfWeek = week
    }

    private static func field(
        _ text: Substring, _ name: String, _ range: ClosedRange<Int>, names: [String], offset: Int, nameBase: Int = 0
    ) throws(ExpressionError) -> Field {
        var values: Set<Int> = []
        var partOffset = offset
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { partOffset += part.count + 1 }
            func fail(_ message: String) -> ExpressionError {
                ExpressionError(
                    .invalidCron, at: partOffset, "\(name): \(message)",
                    hint: "\(name) takes \(range.lowerBound)-\(range.upperBound)"
                        + (names.isEmpty ? "" : " or names such as \(names[0])")
                        + ", *, lists (1,2), ranges (1-5) and steps (*/15)")
            }
            guard !part.isEmpty else { throw fail("empty list element") }
            let pieces = part.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0, parsed <= range.upperBound + 1 else {
                    throw fail("'\(pieces[1])' is not a valid step")
                }
                step = parsed
            }
            let base = pieces[0]
            let low: Int
            let high: Int
            func number(_ text: Substring) throws(ExpressionError) -> Int {
                if let value = Int(text), range.contains(value) { return value }
                if let index = names.firstIndex(of: text.lowercased()) { return index + nameBase }
                throw fail("'\(text)' is not between \(range.lowerBound) and \(range.upperBound)")
            }
            if base == "*" {
                low = range.lowerBound
                high = range.upperBound
            } else if let dash = base.firstIndex(of: "-") {
                low = try number(base[..<dash])
                high = try number(base[base.index(after: dash)...])
                guard low <= high else { throw fail("range \(base) runs backwards") }
            } else {
                low = try number(base)
                high = pieces.count == 2 ? range.upperBound : low
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        // Vixie cron flags a day field as unrestricted when it is written starting with `*`.
        return Field(values: values, isWildcard: text.hasPrefix("*"))
    }
}
