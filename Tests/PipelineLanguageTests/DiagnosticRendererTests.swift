import Foundation
import Testing

@testable import PipelineLanguage

/// How diagnostics read: `file:line:column`, the quoted line with a caret, the hint; long lines
/// cut around the column; file order; and the JSON form tools read.
@Suite struct DiagnosticRendererTests {
    static let source = SourceFile(path: "p.yaml", text: "version: 1\nstages:\n  a:\n\tuses: image.resze\r\n")

    @Test func textQuotesTheLineAndPointsAtTheColumn() {
        let renderer = DiagnosticRenderer(sources: [Self.source])
        let diagnostic = Diagnostic.error(
            .unknownStageType, at: Self.source.location(line: 4, column: 8), "unknown stage type 'image.resze'",
            hint: "did you mean 'image.resize'?")
        #expect(
            renderer.text(diagnostic)
                == """
                p.yaml:4:8: error: unknown stage type 'image.resze'
                 4 |  uses: image.resze
                   |        ^
                  hint: did you mean 'image.resize'?
                """)
    }

    @Test func aDiagnosticWithoutSourceTextIsItsDescription() {
        let renderer = DiagnosticRenderer(sources: [SourceFile(path: "empty.yaml", text: "")])
        let unreadable = Diagnostic.error(
            .fileUnreadable, at: SourceLocation(file: "empty.yaml", line: 1, column: 1), "cannot read")
        #expect(renderer.text(unreadable) == "empty.yaml:1:1: error: cannot read")
        let elsewhere = Diagnostic.warning(
            .emptyInput, at: SourceLocation(file: "other.yaml", line: 2, column: 3), "no files")
        #expect(renderer.text(elsewhere) == "other.yaml:2:3: warning: no files")
        let pastTheEnd = Diagnostic.error(.syntax, at: Self.source.location(line: 40, column: 1), "past the end")
        #expect(DiagnosticRenderer(sources: [Self.source]).text(pastTheEnd) == "p.yaml:40:1: error: past the end")
    }

    @Test func aCaretPastTheEndOfTheLineStopsAtItsEnd() {
        let renderer = DiagnosticRenderer(sources: [Self.source])
        let diagnostic = Diagnostic.error(.syntax, at: Self.source.location(line: 1, column: 99), "x")
        let lines = renderer.text(diagnostic).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == " 1 | version: 1")
        #expect(lines[2] == "   | " + String(repeating: " ", count: 10) + "^")
    }

    @Test func aLongLineIsCutToAWindowAroundTheColumn() throws {
        let long = String(repeating: "a", count: 100) + "X" + String(repeating: "b", count: 200)
        let source = SourceFile(path: "long.yaml", text: long)
        let diagnostic = Diagnostic.error(.syntax, at: source.location(line: 1, column: 101), "here")
        let lines = DiagnosticRenderer(sources: [source]).text(diagnostic).split(separator: "\n")
        let quoted = try #require(lines.dropFirst().first)
        let caret = try #require(lines.dropFirst(2).first)
        #expect(quoted.hasPrefix(" 1 | …") && quoted.hasSuffix("…"))
        #expect(quoted.count == " 1 | ".count + 1 + 120 + 1)
        let markerColumn = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        let xColumn = try #require(quoted.firstIndex(of: "X")).utf16Offset(in: quoted)
        #expect(markerColumn == xColumn, "the caret stays under the column")
    }

    @Test func aShortLineNearTheStartHasNoEllipsis() {
        let source = SourceFile(path: "s.yaml", text: String(repeating: "c", count: 160))
        let diagnostic = Diagnostic.error(.syntax, at: source.location(line: 1, column: 5), "x")
        #expect(!DiagnosticRenderer(sources: [source]).text(diagnostic).contains("…"))
    }

    @Test func wideLineNumbersWidenTheGutter() {
        let text = (1...120).map { "line \($0)" }.joined(separator: "\n")
        let source = SourceFile(path: "w.yaml", text: text)
        let lines = DiagnosticRenderer(sources: [source]).text(
            .error(.syntax, at: source.location(line: 105, column: 1), "x")
        ).split(separator: "\n")
        #expect(lines[1] == " 105 | line 105")
        #expect(lines[2] == "     | ^")
    }

    @Test func manyDiagnosticsAreInFileOrderErrorsFirst() {
        let a = SourceLocation(file: "a.yaml", line: 2, column: 1)
        let diagnostics = [
            Diagnostic.warning(.emptyInput, at: a, "w"),
            .error(.syntax, at: SourceLocation(file: "b.yaml", line: 1, column: 1), "b"),
            .error(.syntax, at: a, "e"),
            .error(.syntax, at: SourceLocation(file: "a.yaml", line: 1, column: 9), "first"),
        ]
        let text = DiagnosticRenderer(sources: []).text(diagnostics)
        #expect(
            text == """
                a.yaml:1:9: error: first

                a.yaml:2:1: error: e

                a.yaml:2:1: warning: w

                b.yaml:1:1: error: b

                """)
    }

    @Test func fileOrderBreaksTiesByMessage() {
        let here = SourceLocation(file: "a.yaml", line: 1, column: 1)
        #expect(DiagnosticRenderer.fileOrder(.error(.syntax, at: here, "a"), .error(.syntax, at: here, "b")))
        #expect(!DiagnosticRenderer.fileOrder(.error(.syntax, at: here, "b"), .error(.syntax, at: here, "a")))
        #expect(DiagnosticRenderer.fileOrder(.error(.syntax, at: here, "z"), .warning(.syntax, at: here, "a")))
    }

    @Test func jsonHasEveryFieldInFileOrder() throws {
        let diagnostics = [
            Diagnostic.warning(.emptyInput, at: SourceLocation(file: "b/p.yaml", line: 3, column: 4), "no files"),
            .error(
                .unknownKey, at: SourceLocation(file: "a.yaml", line: 1, column: 1), "unknown key 'stagse'",
                hint: "did you mean 'stages'?"),
        ]
        let json = DiagnosticRenderer(sources: []).json(diagnostics)
        #expect(json.contains(#""file" : "b/p.yaml""#), "slashes are not escaped")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects[0]["file"] as? String == "a.yaml")
        #expect(objects[0]["code"] as? String == "unknown-key")
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["hint"] as? String == "did you mean 'stages'?")
        #expect(objects[1]["line"] as? Int == 3)
        #expect(objects[1]["column"] as? Int == 4)
        #expect(objects[1]["severity"] as? String == "warning")
        #expect(objects[1]["hint"] == nil)
    }

    @Test func sourceFilesGiveLinesWithoutLineBreaks() {
        #expect(Self.source.line(4) == "\tuses: image.resze")
        #expect(Self.source.line(5) == "")
        #expect(Self.source.line(6) == nil)
        #expect(Self.source.line(0) == nil)
        let crlf = SourceFile(path: "w.yaml", text: "a\r\nb\r\n\r\nc")
        #expect((1...4).map { crlf.line($0) } == ["a", "b", "", "c"], "CRLF ends lines like LF")
        #expect(Self.source.location(line: 2, column: 3).description == "p.yaml:2:3")
        #expect(
            SourceLocation(file: "a", line: 1, column: 5).advanced(by: 3)
                == SourceLocation(file: "a", line: 1, column: 8))
    }

    @Test func locationsOrderByFileLineAndColumn() {
        let sorted = [
            SourceLocation(file: "b", line: 1, column: 1), SourceLocation(file: "a", line: 2, column: 1),
            SourceLocation(file: "a", line: 1, column: 7), SourceLocation(file: "a", line: 1, column: 2),
        ].sorted()
        #expect(sorted.map(\.description) == ["a:1:2", "a:1:7", "a:2:1", "b:1:1"])
    }

    @Test func everyDiagnosticCodeIsKebabCaseAndUnique() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in raw {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "-" }, "\(code)")
            #expect(!code.hasPrefix("-") && !code.hasSuffix("-"))
        }
    }
}
