extension CronExpression {
    /// Whether cron runs on `date` (months, days of month and days of week; not times of day).
    ///
    /// Vixie cron's rule: when both the day of month and the day of week are restricted (neither
    /// written starting with `*`), a day matches if either matches; otherwise both must match.
    public func runs(on date: CivilDate) -> Bool {
        guard months.values.contains(date.month) else { return false }
        let dayOfMonth = daysOfMonth.values.contains(date.day)
        let dayOfWeek = daysOfWeek.values.contains(date.weekday)
        if daysOfMonth.isWildcard || daysOfWeek.isWildcard { return dayOfMonth && dayOfWeek }
        return dayOfMonth || dayOfWeek
    }

    /// Why the expression can never fire (a day of month that none of its months has, such as
    /// `0 0 30 2 *`), located at the day-of-month field; `nil` when it fires some day.
    public var neverFiresProblem: ExpressionError? {
        // With both day fields restricted, any day of week in any month will do.
        guard daysOfMonth.isWildcard || daysOfWeek.isWildcard else { return nil }
        let possible = months.values.contains { month in
            // February counts its leap day: `0 0 29 2 *` fires in leap years.
            let longest = month == 2 ? 29 : CivilDate.daysInMonth(year: 2001, month: month)
            return daysOfMonth.values.contains { $0 <= longest }
        }
        if possible { return nil }
        let monthNames = months.values.sorted().map { Self.monthDisplayNames[$0 - 1] }
        let days = daysOfMonth.values.sorted().map(String.init)
        let verb = monthNames.count == 1 ? "has" : "have"
        return ExpressionError(
            .invalidCron, at: dayOfMonthOffset,
            "it never fires: \(Self.list(monthNames, "and")) \(verb) no day \(Self.list(days, "or"))",
            hint: "February has 29 days in leap years (28 otherwise); April, June, September and November have 30")
    }

    private static let monthDisplayNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    private static func list(_ words: [String], _ conjunction: String) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " \(conjunction) " + words.last!
    }

    /// Column offset of the third field in `text` (0 for macros, which always fire).
    private var dayOfMonthOffset: Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("@") else { return 0 }
        var fieldsSeen = 0
        var inField = false
        for (offset, character) in trimmed.enumerated() {
            let blank = character == " " || character == "\t"
            if !blank && !inField {
                if fieldsSeen == 2 { return offset }
                fieldsSeen += 1
            }
            inField = !blank
        }
        return 0
    }
}
