import Foundation
import PipelineLanguage
import Testing

/// The edges of a stage's own keys (`retry`, `max_parallel`, `if`, `needs`) and of the limits
/// table: each bound accepted, one past it refused at the value's line and column.
@Suite struct StageDecodingEdgeTests {
    /// A one-stage pipeline with `extra` (already indented) among the stage's keys.
    static func pipeline(stage extra: String, settings: String = "") -> String {
        """
        version: 1
        \(settings)stages:
          small:
            uses: image.resize
            for_each: ["a.png"]
            with: { image: "${{ item }}", width: 10 }
        \(extra)
        """
    }

    static func errors(_ text: String) -> [Diagnostic] {
        compile(text).diagnostics.filter { $0.severity == .error }
    }

    @Test func theLimitsTableIsWhatTheLanguageDocuments() {
        #expect(LanguageLimits.maxParallel == 1...1000)
        #expect(LanguageLimits.retryAttempts == 1...20)
        #expect(LanguageLimits.text(LanguageLimits.maxParallel) == "from 1 to 1000")
    }

    @Test(arguments: [1, 1000])
    func aStageMaxParallelAtEitherBoundIsAccepted(limit: Int) throws {
        let compiled = compile(Self.pipeline(stage: "    max_parallel: \(limit)"))
        let stage = try #require(compiled.pipeline?.stages.first)
        #expect(stage.maxParallel == limit)
        #expect(!compiled.diagnostics.contains { $0.message.contains("max_parallel") })
    }

    @Test(arguments: [0, 1001])
    func aStageMaxParallelPastABoundIsRefusedAtItsValue(limit: Int) throws {
        let errors = Self.errors(Self.pipeline(stage: "    max_parallel: \(limit)"))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.message == "'max_parallel' must be from 1 to 1000, got \(limit)")
        #expect(error.location.line == 7)
        #expect(error.location.column == 19)
    }

    @Test(arguments: [0, 1001])
    func aSettingsMaxParallelPastABoundIsRefused(limit: Int) throws {
        let errors = Self.errors(Self.pipeline(stage: "", settings: "settings:\n  max_parallel: \(limit)\n"))
        #expect(errors.map(\.message) == ["'max_parallel' must be from 1 to 1000, got \(limit)"])
    }

    @Test(arguments: [1, 20])
    func retryAtEitherBoundIsAccepted(attempts: Int) throws {
        for form in ["    retry: \(attempts)", "    retry: { attempts: \(attempts), backoff: 2s }"] {
            let compiled = compile(Self.pipeline(stage: form))
            let stage = try #require(compiled.pipeline?.stages.first, "\(compiled.diagnostics)")
            #expect(stage.retry.attempts == attempts)
        }
    }

    @Test func retryPastTheBoundIsRefusedInBothForms() {
        #expect(
            Self.errors(Self.pipeline(stage: "    retry: 21")).map(\.message) == [
                "'retry' must be from 1 to 20 attempts, got 21"
            ])
        #expect(
            Self.errors(Self.pipeline(stage: "    retry: { attempts: 0 }")).map(\.message) == [
                "'attempts' must be from 1 to 20, got 0"
            ])
    }

    @Test func retryBackoffIsKeptInSeconds() throws {
        let compiled = compile(Self.pipeline(stage: "    retry: { attempts: 3, backoff: 1500ms }"))
        let stage = try #require(compiled.pipeline?.stages.first, "\(compiled.diagnostics)")
        #expect(stage.retry.backoff == 1.5)
    }

    @Test func anUnknownRetryKeyIsReported() {
        let errors = Self.errors(Self.pipeline(stage: "    retry: { attempts: 2, tries: 3 }"))
        #expect(errors.contains { $0.message.contains("tries") })
    }

    @Test func aConditionWithoutBracesIsParsedAndPlacedAtTheExpression() throws {
        let compiled = compile(Self.pipeline(stage: "    if: item == 'a.png'"))
        let stage = try #require(compiled.pipeline?.stages.first, "\(compiled.diagnostics)")
        let condition = try #require(stage.condition)
        #expect(condition.location.line == 7)
    }

    @Test func aBrokenConditionIsReportedWhereTheProblemIs() throws {
        let errors = Self.errors(Self.pipeline(stage: "    if: item == "))
        let error = try #require(errors.first)
        #expect(error.location.line == 7)
        #expect(error.location.column >= 9)
    }

    @Test func aBooleanConditionIsALiteral() throws {
        let compiled = compile(Self.pipeline(stage: "    if: false"))
        let stage = try #require(compiled.pipeline?.stages.first, "\(compiled.diagnostics)")
        #expect(stage.condition != nil)
    }

    @Test func needsTakesOneNameOrAList() throws {
        let one = compile(Self.pipeline(stage: "    needs: small"))
        let list = compile(Self.pipeline(stage: "    needs: [small, other]"))
        #expect(one.pipeline?.stages.first?.needs.map(\.name) == ["small"])
        #expect(list.pipeline?.stages.first?.needs.map(\.name) == ["small", "other"])
    }

    @Test func anUnknownParameterIsRefusedWithASuggestion() throws {
        let text = Self.pipeline(stage: "").replacingOccurrences(of: "width: 10", with: "widht: 10")
        let error = try #require(Self.errors(text).first)
        #expect(error.message == "image.resize has no parameter 'widht'")
        #expect(error.hint?.contains("width") == true)
    }
}
