import Foundation
import PipelineLanguage
import Testing

/// Every broken pipeline under Fixtures/invalid carries its expected diagnostic in its first line:
/// `# expect: LINE:COLUMN code: message substring | hint: hint substring`.
@Suite struct FixtureTests {
    struct Expectation: CustomTestStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var code: String
        var message: String
        var hint: String?
        var testDescription: String { (file as NSString).lastPathComponent }
    }

    static let expectations: [Expectation] = {
        let directory = TestPaths.fixtures + "/invalid"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let header = text.split(separator: "\n").first, header.hasPrefix("# expect: ")
            else { return nil }
            var body = header.dropFirst("# expect: ".count)
            var hint: String?
            if let range = body.range(of: " | hint: ") {
                hint = String(body[range.upperBound...])
                body = body[..<range.lowerBound]
            }
            let position = body.prefix { $0 != " " }
            let numbers = position.split(separator: ":").compactMap { Int($0) }
            let rest = body.dropFirst(position.count + 1)
            guard numbers.count == 2, let colon = rest.range(of: ": ") else { return nil }
            return Expectation(
                file: path, line: numbers[0], column: numbers[1], code: String(rest[..<colon.lowerBound]),
                message: String(rest[colon.upperBound...]), hint: hint)
        }
    }()

    @Test func thereAreAtLeastFortyFixtures() {
        #expect(Self.expectations.count >= 40)
    }

    @Test(arguments: expectations)
    func reportsTheExpectedDiagnostic(_ expectation: Expectation) throws {
        let compilation = PipelineCompiler().compile(
            file: expectation.file, options: PlanOptions(computeCacheKeys: true, environment: ["HOME": "/root"]))
        let matching = compilation.diagnostics.filter {
            $0.code.rawValue == expectation.code && $0.message.contains(expectation.message)
        }
        let found = compilation.diagnostics.map {
            "\($0.location.line):\($0.location.column) \($0.code.rawValue): \($0.message)"
        }
        let diagnostic = try #require(matching.first, "no '\(expectation.code)' diagnostic; found \(found)")
        #expect(diagnostic.location.file == expectation.file)
        #expect(diagnostic.location.line == expectation.line, "found \(found)")
        #expect(diagnostic.location.column == expectation.column, "found \(found)")
        if let hint = expectation.hint {
            #expect(diagnostic.hint?.contains(hint) == true, "hint was \(diagnostic.hint ?? "none")")
        }
        // Every fixture is broken: errors make the compilation fail, except the warning fixtures.
        if diagnostic.severity == .error {
            #expect(compilation.hasErrors)
            #expect(compilation.plan == nil || compilation.hasErrors)
        }
        // The rendered text quotes the offending line with a caret under the column.
        let text = DiagnosticRenderer(sources: [compilation.source]).text(diagnostic)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("\(expectation.file):\(expectation.line):\(expectation.column): "))
        if let caretLine = lines.first(where: { $0.hasSuffix("^") && $0.contains(" | ") }) {
            let gutter = caretLine.range(of: " | ")!.upperBound
            #expect(caretLine[gutter...].count == expectation.column)
        } else {
            Issue.record("no caret line in \(text)")
        }
    }

    @Test func validateReportsAllProblemsAtOnce() {
        let compilation = compile(
            """
            version: 1
            settings:
              max_paralel: 4
            stages:
              a:
                uses: image.resise
              b:
                uses: image.resize
                with: { image: assets/one.png, widht: 10 }
            """)
        let codes = Set(compilation.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: [.unknownKey, .unknownStageType, .unknownParameter]))
        #expect(compilation.errors.count >= 3)
    }
}
