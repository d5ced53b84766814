import Foundation
import Testing

@testable import PipelineLanguage

/// Wall-clock times against real time zones: daylight saving gaps and overlaps, offsets that are
/// not whole hours, instants before 1970, and the ISO 8601 forms `pipeline schedule` reads.
@Suite struct WallClockTests {
    static func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier), "the tz database has no \(identifier)")
    }

    /// 2026-03-29 in Berlin: clocks jump from 02:00 to 03:00 (01:00Z).
    @Test func aSkippedWallClockTimeMapsToTheFirstInstantAfterTheGap() throws {
        let berlin = try Self.zone("Europe/Berlin")
        let skipped = LocalDateTime(date: CivilDate(year: 2026, month: 3, day: 29), hour: 2, minute: 30)
        #expect(skipped.instant(in: berlin) == Date(timeIntervalSince1970: 1_774_746_000))
        let before = LocalDateTime(date: CivilDate(year: 2026, month: 3, day: 29), hour: 1, minute: 59)
        #expect(before.instant(in: berlin) == Date(timeIntervalSince1970: 1_774_746_000 - 60))
        let after = LocalDateTime(date: CivilDate(year: 2026, month: 3, day: 29), hour: 3, minute: 0)
        #expect(after.instant(in: berlin) == Date(timeIntervalSince1970: 1_774_746_000))
    }

    /// 2026-10-25 in Berlin: 02:00–03:00 happens twice, first in summer time (+02:00).
    @Test func aRepeatedWallClockTimeMapsToItsFirstOccurrence() throws {
        let berlin = try Self.zone("Europe/Berlin")
        let repeated = LocalDateTime(date: CivilDate(year: 2026, month: 10, day: 25), hour: 2, minute: 30)
        #expect(repeated.instant(in: berlin) == Date(timeIntervalSince1970: 1_792_888_200))
        #expect(LocalDateTime(Date(timeIntervalSince1970: 1_792_888_200), in: berlin) == repeated)
        #expect(
            LocalDateTime(Date(timeIntervalSince1970: 1_792_891_800), in: berlin) == repeated,
            "the second 02:30 reads as the same wall-clock time")
    }

    @Test func aWallClockTimeRoundTripsThroughAnInstant() throws {
        for identifier in ["Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham", "UTC"] {
            let zone = try Self.zone(identifier)
            let local = LocalDateTime(date: CivilDate(year: 2026, month: 11, day: 26), hour: 6, minute: 15, second: 9)
            #expect(LocalDateTime(local.instant(in: zone), in: zone) == local, "\(identifier)")
        }
    }

    @Test func instantsBefore1970RoundDownToTheWholeSecond() {
        let moonLanding = LocalDateTime(Date(timeIntervalSince1970: -14_182_940.5), in: .gmt)
        #expect(
            moonLanding
                == LocalDateTime(date: CivilDate(year: 1969, month: 7, day: 20), hour: 20, minute: 17, second: 39))
        let midnightBefore = LocalDateTime(Date(timeIntervalSince1970: -1), in: .gmt)
        #expect(
            midnightBefore
                == LocalDateTime(date: CivilDate(year: 1969, month: 12, day: 31), hour: 23, minute: 59, second: 59))
    }

    @Test func wallClockTimesOrderByDateThenTime() {
        let day = CivilDate(year: 2026, month: 5, day: 1)
        let next = CivilDate(year: 2026, month: 5, day: 2)
        #expect(LocalDateTime(date: day, hour: 23, minute: 59) < LocalDateTime(date: next, hour: 0, minute: 0))
        #expect(
            LocalDateTime(date: day, hour: 1, minute: 2, second: 3)
                < LocalDateTime(date: day, hour: 1, minute: 2, second: 4))
        #expect(!(LocalDateTime(date: next, hour: 0, minute: 0) < LocalDateTime(date: day, hour: 23, minute: 0)))
        #expect(CivilDate(year: 2025, month: 12, day: 31) < CivilDate(year: 2026, month: 1, day: 1))
        #expect(CivilDate(year: 2026, month: 1, day: 31) < CivilDate(year: 2026, month: 2, day: 1))
    }

    @Test(arguments: [
        (2026, 1, 31), (2026, 2, 28), (2024, 2, 29), (2000, 2, 29), (1900, 2, 28), (2026, 4, 30), (2026, 6, 30),
        (2026, 9, 30), (2026, 11, 30), (2026, 12, 31), (2026, 7, 31), (2026, 8, 31),
    ])
    func monthLengths(_ year: Int, _ month: Int, _ days: Int) {
        #expect(CivilDate.daysInMonth(year: year, month: month) == days)
    }

    @Test(arguments: [
        (2026, 11, 26, 4), (2026, 3, 29, 0), (2000, 1, 1, 6), (1969, 7, 20, 0), (2024, 2, 29, 4), (1600, 3, 1, 3),
    ])
    func weekdays(_ year: Int, _ month: Int, _ day: Int, _ weekday: Int) {
        #expect(CivilDate(year: year, month: month, day: day).weekday == weekday)
    }

    @Test func formatPrintsOffsetsThatAreNotWholeHours() throws {
        let instant = Date(timeIntervalSince1970: 1_795_669_200)  // 2026-11-26T05:00:00Z
        #expect(ISO8601Time.format(instant, in: try Self.zone("America/St_Johns")) == "2026-11-26T01:30:00-03:30")
        #expect(ISO8601Time.format(instant, in: try Self.zone("Asia/Kolkata")) == "2026-11-26T10:30:00+05:30")
        #expect(ISO8601Time.format(Date(timeIntervalSince1970: -14_182_940), in: .gmt) == "1969-07-20T20:17:40+00:00")
    }

    @Test(
        arguments: [
            ("2026-11-26T01:30:00-03:30", 1_795_669_200.0), ("2026-11-26T10:30+0530", 1_795_669_200),
            ("2026-11-26T05:00:00,5Z", 1_795_669_200.5), ("2026-11-26t05:00z", 1_795_669_200),
            ("  2026-11-26T05:00Z  ", 1_795_669_200), ("2026-11-26T05:00:00.25+00:00", 1_795_669_200.25),
            ("2024-02-29", 1_709_164_800), ("2026-11-26T07:00-02", 1_795_683_600),
        ] as [(String, Double)])
    func parseReadsOffsetsAndFractions(_ text: String, _ seconds: Double) {
        #expect(ISO8601Time.parse(text, timeZone: .gmt) == Date(timeIntervalSince1970: seconds), "\(text)")
    }

    @Test(arguments: [
        "2026-11-26T05:00:00.Z", "2026-11-26T05:00+19", "2026-11-26T05:00+01:60", "2026-11-26T05:00:60Z",
        "2026-11-26T05:60", "2026-11-26T05", "2026-11-26T05:00~01", "2026-11-26T05:00+1", "2026-00-10", "2026-11-31",
        "26-11-26", "2026/11/26", "",
    ])
    func parseRefusesMalformedTimes(_ text: String) {
        #expect(ISO8601Time.parse(text, timeZone: .gmt) == nil, "\(text)")
    }

    @Test func aTimeWithoutOffsetIsReadInTheGivenZone() throws {
        let kolkata = try Self.zone("Asia/Kolkata")
        #expect(ISO8601Time.parse("2026-11-26T10:30", timeZone: kolkata) == Date(timeIntervalSince1970: 1_795_669_200))
        #expect(
            ISO8601Time.parse("2026-11-26T10:30Z", timeZone: kolkata)
                == Date(timeIntervalSince1970: 1_795_669_200 + 19_800))
    }
}

/// Durations as the language writes them (`90s`, `1h30m`, `500ms`) and prints them.
@Suite struct DurationTextTests {
    @Test(
        arguments: [
            ("90s", 90.0), ("20m", 1200), ("1h30m", 5400), ("500ms", 0.5), ("2d", 172_800), ("  45 ", 45),
            ("1.5h", 5400),
            ("30m1h", 5400), ("10", 10), ("0.25", 0.25), ("1d1h1m1s", 90_061), ("0s", 0),
        ] as [(String, Double)])
    func secondsOfValidDurations(_ text: String, _ seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "h", "10x", "1h 30m", "5m5", "1.2.3s", "inf", "ms", "10 s", "1h-5m", "nan", "1y"])
    func invalidDurationsHaveNoValue(_ text: String) {
        #expect(DurationText.seconds(text) == nil, "'\(text)'")
    }

    @Test(
        arguments: [
            (604_800.0, "7d"), (86_400, "1d"), (3600, "1h"), (5400, "90m"), (129_600, "36h"), (90, "90s"), (60, "1m"),
            (0.5, "0.5s"), (0, "0s"), (59, "59s"), (61, "61s"),
        ] as [(Double, String)])
    func describeUsesTheLargestWholeUnit(_ seconds: Double, _ text: String) {
        #expect(DurationText.describe(seconds) == text)
        #expect(DurationText.seconds(text) == seconds, "what describe prints reads back")
    }

    @Test func theLimitsPrintAsTheLanguageWritesThem() {
        #expect(DurationText.describe(DurationText.longestTimeout) == "7d")
        #expect(DurationText.describe(DurationText.longestWait) == "7d")
        #expect(DurationText.describe(DurationText.longestBackoff) == "1h")
    }
}
