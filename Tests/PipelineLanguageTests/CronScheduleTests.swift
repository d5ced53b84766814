import Foundation
import PipelineLanguage
import Testing

/// The cron evaluator against a table of known fire times: month ends, leap days, the
/// day-of-month/day-of-week OR rule, steps, ranges, names, macros, and DST transitions.
@Suite struct CronScheduleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var cron: String
        var zone: String
        var from: String
        var expected: [String]
        var note: String
        var testDescription: String { "\(cron) in \(zone) after \(from): \(note)" }

        init(_ cron: String, _ zone: String = "UTC", from: String, _ expected: [String], _ note: String) {
            self.cron = cron
            self.zone = zone
            self.from = from
            self.expected = expected
            self.note = note
        }
    }

    static let cases: [Case] = [
        // Month ends and leap days.
        Case(
            "0 0 31 * *", from: "2026-01-31T00:00:00Z",
            ["2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00", "2026-07-31T00:00:00+00:00"],
            "the 31st skips short months; a time equal to --from is not 'after' it"),
        Case(
            "0 0 30 * *", from: "2027-01-30T12:00:00Z", ["2027-03-30T00:00:00+00:00", "2027-04-30T00:00:00+00:00"],
            "no 30 February"),
        Case(
            "59 23 28-31 * *", from: "2027-02-27T00:00:00Z",
            ["2027-02-28T23:59:00+00:00", "2027-03-28T23:59:00+00:00"],
            "the last day of a 28-day February"),
        Case(
            "0 0 29 2 *", from: "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"],
            "leap years only"),
        Case("0 0 29 2 *", from: "2096-03-01T00:00:00Z", ["2104-02-29T00:00:00+00:00"], "2100 is not a leap year"),
        Case("0 0 29 2 *", from: "2399-06-01T00:00:00Z", ["2400-02-29T00:00:00+00:00"], "2400 is (divisible by 400)"),
        Case(
            "0 0 29 2 */7", from: "2089-01-01T00:00:00Z", ["2128-02-29T00:00:00+00:00"],
            "*/7 is Sunday and starts with *, so both must match: the next Sunday 29 February is 39 years away"),
        Case("30 23 31 12 *", from: "2026-12-31T23:30:00Z", ["2027-12-31T23:30:00+00:00"], "year end"),
        Case("0 0 30 2 *", from: "2026-01-01T00:00:00Z", [], "30 February never comes"),
        Case("0 0 31 4,6,9,11 *", from: "2026-01-01T00:00:00Z", [], "no 31st in 30-day months"),
        // The day-of-month/day-of-week rule.
        Case(
            "0 0 13 * 5", from: "2026-04-01T00:00:00Z",
            [
                "2026-04-03T00:00:00+00:00", "2026-04-10T00:00:00+00:00", "2026-04-13T00:00:00+00:00",
                "2026-04-17T00:00:00+00:00", "2026-04-24T00:00:00+00:00",
            ],
            "both restricted: the 13th OR a Friday"),
        Case(
            "0 0 29 2 1", from: "2027-01-31T00:00:00Z",
            [
                "2027-02-01T00:00:00+00:00", "2027-02-08T00:00:00+00:00", "2027-02-15T00:00:00+00:00",
                "2027-02-22T00:00:00+00:00", "2028-02-07T00:00:00+00:00",
            ],
            "OR rule: Mondays of February, and 29 February in leap years"),
        Case(
            "0 0 13 * *", from: "2026-04-01T00:00:00Z", ["2026-04-13T00:00:00+00:00", "2026-05-13T00:00:00+00:00"],
            "day of week *: the 13th only"),
        Case(
            "0 0 * * 5", from: "2026-04-01T00:00:00Z", ["2026-04-03T00:00:00+00:00", "2026-04-10T00:00:00+00:00"],
            "day of month *: Fridays only"),
        Case(
            "0 0 */2 * 1", from: "2026-04-01T00:00:00Z",
            [
                "2026-04-13T00:00:00+00:00", "2026-04-27T00:00:00+00:00", "2026-05-11T00:00:00+00:00",
                "2026-05-25T00:00:00+00:00",
            ],
            "*/2 starts with *: odd days AND Mondays"),
        // Steps, ranges, lists, names, macros.
        Case(
            "*/15 * * * *", from: "2026-03-10T10:07:00Z",
            [
                "2026-03-10T10:15:00+00:00", "2026-03-10T10:30:00+00:00", "2026-03-10T10:45:00+00:00",
                "2026-03-10T11:00:00+00:00",
            ], "every 15 minutes"),
        Case(
            "1-10/3 * * * *", from: "2026-03-10T10:00:00Z",
            [
                "2026-03-10T10:01:00+00:00", "2026-03-10T10:04:00+00:00", "2026-03-10T10:07:00+00:00",
                "2026-03-10T10:10:00+00:00", "2026-03-10T11:01:00+00:00",
            ],
            "a range with a step"),
        Case(
            "0 8-17/4 * * *", from: "2026-03-10T12:30:00Z",
            ["2026-03-10T16:00:00+00:00", "2026-03-11T08:00:00+00:00", "2026-03-11T12:00:00+00:00"], "hours 8, 12, 16"),
        Case(
            "0,30 9 1,15 * *", from: "2026-03-01T09:10:00Z",
            [
                "2026-03-01T09:30:00+00:00", "2026-03-15T09:00:00+00:00", "2026-03-15T09:30:00+00:00",
                "2026-04-01T09:00:00+00:00",
            ], "lists"),
        Case(
            "0 9 * * mon-fri", from: "2026-11-27T10:00:00Z",
            ["2026-11-30T09:00:00+00:00", "2026-12-01T09:00:00+00:00"], "named weekdays skip the weekend"),
        Case(
            "0 0 1 jan *", from: "2026-06-01T00:00:00Z", ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"],
            "a month name"),
        Case("0 12 * * 7", from: "2026-11-25T00:00:00Z", ["2026-11-29T12:00:00+00:00"], "7 is Sunday"),
        Case(
            "@weekly", from: "2026-11-25T08:00:00Z", ["2026-11-29T00:00:00+00:00", "2026-12-06T00:00:00+00:00"],
            "Sundays at midnight"),
        Case(
            "@monthly", from: "2026-12-15T00:00:00Z", ["2027-01-01T00:00:00+00:00", "2027-02-01T00:00:00+00:00"],
            "first of the month"),
        Case(
            "@yearly", from: "2026-12-15T00:00:00Z", ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"],
            "New Year"),
        Case(
            "@hourly", from: "2026-12-31T23:30:00Z", ["2027-01-01T00:00:00+00:00", "2027-01-01T01:00:00+00:00"],
            "across the year"),
        // Time zones and daylight saving time.
        Case(
            "0 6 * * 1-5", "Europe/Berlin", from: "2026-11-25T07:00:00+01:00",
            ["2026-11-26T06:00:00+01:00", "2026-11-27T06:00:00+01:00", "2026-11-30T06:00:00+01:00"],
            "local times with their offset"),
        Case(
            "0 0 * * *", "Asia/Kolkata", from: "2026-12-31T12:00:00+05:30", ["2027-01-01T00:00:00+05:30"],
            "a half-hour offset"),
        Case(
            "30 2 * * *", "America/New_York", from: "2026-03-07T12:00:00-05:00",
            ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"],
            "02:30 does not exist on 8 March: it fires when the gap ends"),
        Case(
            "*/30 * * * *", "America/New_York", from: "2026-03-08T01:15:00-05:00",
            ["2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"],
            "times in the gap fold into one run at 03:00"),
        Case(
            "30 1 * * *", "America/New_York", from: "2026-10-31T12:00:00-04:00",
            ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"],
            "01:30 happens twice on 1 November: it fires once, the first time"),
        Case(
            "*/20 * * * *", "America/New_York", from: "2026-11-01T01:50:00-04:00",
            ["2026-11-01T02:00:00-05:00", "2026-11-01T02:20:00-05:00"],
            "the repeated hour does not fire again"),
        Case(
            "0 2 * * *", "Europe/Berlin", from: "2026-03-28T12:00:00+01:00",
            ["2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00"],
            "Berlin springs forward at 02:00"),
        Case(
            "30 2 * * *", "Europe/Berlin", from: "2026-10-24T12:00:00+02:00",
            ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"],
            "Berlin falls back at 03:00"),
        Case(
            "15 2 * * *", "Australia/Lord_Howe", from: "2026-10-03T12:00:00+10:30",
            ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"],
            "a half-hour DST jump"),
    ]

    @Test(arguments: cases)
    func firesAtTheKnownTimes(_ known: Case) throws {
        let zone = try #require(TimeZone(identifier: known.zone))
        let from = try #require(ISO8601Time.parse(known.from, timeZone: zone))
        let schedule = CronSchedule(try CronExpression(parsing: known.cron), timeZone: zone)
        let times = schedule.next(after: from, count: max(known.expected.count, 1))
        #expect(times.map { ISO8601Time.format($0, in: zone) } == known.expected)
    }

    @Test func theTableIsLarge() {
        #expect(Self.cases.count >= 25)
    }

    @Test func fireTimesAreStrictlyIncreasingWholeMinutes() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let schedule = CronSchedule(try CronExpression(parsing: "*/7 * * * *"), timeZone: zone)
        let times = schedule.next(after: Date(timeIntervalSince1970: 1_772_900_000), count: 2000)
        #expect(times.count == 2000)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(times.allSatisfy { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0 })
    }

    @Test func rareAndImpossibleSchedulesAreFast() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for text in ["0 0 29 2 */7", "0 0 30 2 *", "0 0 29 2 *"] {
                _ = CronSchedule(try CronExpression(parsing: text), timeZone: .gmt).next(
                    after: Date(timeIntervalSince1970: 0), count: 5)
            }
        }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test func impossibleSchedulesExplainWhy() throws {
        let problem = try #require(try CronExpression(parsing: "0 0 30 2 *").neverFiresProblem)
        #expect(problem.message == "it never fires: February has no day 30")
        #expect(problem.offset == 4)
        let several = try #require(try CronExpression(parsing: "0  0 31 apr,jun *").neverFiresProblem)
        #expect(several.message == "it never fires: April and June have no day 31")
        #expect(several.offset == 5)
        #expect(try CronExpression(parsing: "0 0 29 2 *").neverFiresProblem == nil)
        #expect(try CronExpression(parsing: "0 0 30 2 1").neverFiresProblem == nil, "OR rule: Mondays of February")
    }

    @Test func dayFieldsStartingWithAStarAreUnrestricted() throws {
        // `*,5` starts with `*`, so Vixie cron requires both day fields to match.
        let cron = try CronExpression(parsing: "0 0 13 * *,5")
        #expect(cron.daysOfWeek.isWildcard)
        #expect(cron.runs(on: CivilDate(year: 2026, month: 4, day: 13)))
        #expect(!cron.runs(on: CivilDate(year: 2026, month: 4, day: 3)))
        #expect(try !CronExpression(parsing: "0 0 13 * 5").daysOfWeek.isWildcard)
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(
                (1...12).contains(date.month)
                    && (1...CivilDate.daysInMonth(year: date.year, month: date.month)).contains(date.day))
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).weekday == 4)
        #expect(CivilDate(year: 2000, month: 2, day: 29).daysSinceEpoch == 11_016)
        #expect(CivilDate(year: 1969, month: 12, day: 31).weekday == 3)
        #expect(
            CivilDate.isLeapYear(2000) && CivilDate.isLeapYear(2028) && !CivilDate.isLeapYear(2100)
                && !CivilDate.isLeapYear(2027))
    }

    @Test func iso8601TimesParseAndFormat() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let instant = Date(timeIntervalSince1970: 1_795_669_200)  // 2026-11-26T05:00:00Z
        #expect(ISO8601Time.format(instant, in: berlin) == "2026-11-26T06:00:00+01:00")
        #expect(ISO8601Time.format(instant, in: .gmt) == "2026-11-26T05:00:00+00:00")
        for text in [
            "2026-11-26T06:00:00+01:00", "2026-11-26T05:00:00Z", "2026-11-26T06:00+01", "2026-11-26 06:00:00+0100",
            "2026-11-26T06:00", "2026-11-26T06:00:00.000",
        ] {
            #expect(ISO8601Time.parse(text, timeZone: berlin) == instant, "\(text)")
        }
        #expect(ISO8601Time.parse("2026-11-26", timeZone: berlin) == instant.addingTimeInterval(-6 * 3600))
        for text in [
            "2026-13-01", "2026-02-29T00:00Z", "2026-11-26T24:00", "tomorrow", "2026-11-26T06:00:00+01:00x",
            "2026-11-26T6:00",
        ] {
            #expect(ISO8601Time.parse(text, timeZone: berlin) == nil, "\(text)")
        }
    }
}
