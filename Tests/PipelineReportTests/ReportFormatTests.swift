import Foundation
import Testing

@testable import PipelineReport

/// How the report writes times, durations, sizes and counts: the same text on every machine.
@Suite struct ReportFormatTests {
    @Test(
        arguments: [
            (1_764_000_000.0, "2025-11-24 16:00:00 UTC"), (951_782_400, "2000-02-29 00:00:00 UTC"),
            (0, "1970-01-01 00:00:00 UTC"), (1_764_000_059.9, "2025-11-24 16:00:59 UTC"),
        ] as [(Double, String)])
    func datesAreUTCWithoutLocale(_ seconds: Double, _ text: String) {
        #expect(ReportFormat.date(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(
        arguments: [
            (0.85, "850 ms"), (0, "0 ms"), (-5, "0 ms"), (0.0004, "0 ms"), (1, "1.0 s"), (12.34, "12.3 s"),
            (59.5, "59.5 s"), (60, "1 min 00 s"), (185, "3 min 05 s"), (3599.4, "59 min 59 s"), (3599.6, "1 h 00 min"),
            (3725, "1 h 02 min"), (90_000, "25 h 00 min"),
        ] as [(Double, String)])
    func durationsPickAUnitByMagnitude(_ seconds: Double, _ text: String) {
        #expect(ReportFormat.duration(seconds) == text)
    }

    @Test(
        arguments: [
            (Int64(0), "0 B"), (512, "512 B"), (1023, "1023 B"), (1024, "1.0 KB"), (12_595, "12.3 KB"),
            (1_048_575, "1024.0 KB"), (1_048_576, "1.0 MB"), (4_718_592, "4.5 MB"), (1_073_741_824, "1.00 GB"),
            (5_905_580_032, "5.50 GB"),
        ] as [(Int64, String)])
    func sizesUseBinaryUnits(_ count: Int64, _ text: String) {
        #expect(ReportFormat.bytes(count) == text)
    }

    @Test(
        arguments: [
            (0.5, 0.25, "0.5 s"), (30, 10, "30 s"), (29.6, 10, "30 s"), (125, 60, "2:05"), (59, 60, "0:59"),
            (7260, 3600, "2 h 01"), (3600, 3600, "1 h 00"),
        ] as [(Double, Double, String)])
    func axisTicksFollowTheStep(_ seconds: Double, _ step: Double, _ text: String) {
        #expect(ReportFormat.offset(seconds, step: step) == text)
    }

    @Test func countsAgreeWithTheirNoun() {
        #expect(ReportFormat.count(1, "task") == "1 task")
        #expect(ReportFormat.count(0, "task") == "0 tasks")
        #expect(ReportFormat.count(3, "stage") == "3 stages")
    }
}

/// Escaping and truncating the text the report quotes from the store.
@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("a & b", "a &amp; b"), ("\t\n\r", "\t\n\r"),
        ("\u{0}\u{8}\u{B}\u{C}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("\u{E}\u{1F}\u{7F}", "\u{FFFD}\u{FFFD}\u{FFFD}"), ("ünï 🎬", "ünï 🎬"), ("&amp;", "&amp;amp;"), ("", ""),
    ])
    func escape(_ text: String, _ escaped: String) {
        #expect(HTMLText.escape(text) == escaped)
    }

    @Test(arguments: [
        ("abc", 3, "abc"), ("abcd", 3, "ab…"), ("abcd", 1, "a…"), ("🎬🎬🎬", 2, "🎬…"), ("", 0, ""),
        ("abcdef", 10, "abcdef"),
    ])
    func truncated(_ text: String, _ limit: Int, _ expected: String) {
        #expect(HTMLText.truncated(text, to: limit) == expected)
    }
}

/// Links from the report's folder to media files, as URL paths.
@Suite struct RelativePathEdgeTests {
    @Test(arguments: [
        ("/a/b/", "/a/b/x.mp4", "x.mp4"), ("/a/b/c", "/a/x.mp4", "../../x.mp4"), ("/a/b", "/a/bc/x.mp4", "../bc/x.mp4"),
        ("/a", "/a/b/../c/x.mp4", "c/x.mp4"),
    ])
    func relativePaths(_ directory: String, _ target: String, _ relative: String) {
        #expect(RelativePath.from(directory: directory, to: target) == relative)
    }

    @Test(arguments: [
        ("~a-b_c.d", "~a-b_c.d"), ("", ""), ("a//b", "a//b"), ("100%", "100%25"), ("a+b&c=d", "a%2Bb%26c%3Dd"),
        ("tab\there", "tab%09here"),
    ])
    func urlEncoding(_ path: String, _ encoded: String) {
        #expect(RelativePath.urlEncoded(path) == encoded)
    }
}
