import PipelineLanguage
import Testing

@Suite struct ExpressionTests {
    let scope: [String: Value] = [
        "item": .object([
            "path": .string("photos/Hero Shot.PNG"), "stem": .string("Hero Shot"), "index": .number(7),
            "matrix": .object(["resolution": .string("720p")]),
        ]),
        "matrix": .object(["seconds": .number(10), "resolution": .string("480p")]),
        "run": .object(["id": .string("r1"), "date": .string("2026-11-25")]),
    ]

    func evaluate(_ text: String) throws -> Value {
        try ExpressionEvaluator(scope: scope).evaluate(Template.parse(text))
    }

    @Test(arguments: [
        ("${{ basename(item.path) }}", "Hero Shot.PNG"),
        ("${{ stem(item.path) }}", "Hero Shot"),
        ("${{ extension(item.path) }}", "PNG"),
        ("${{ dirname(item.path) }}", "photos"),
        ("${{ lowercase(extension(item.path)) }}", "png"),
        ("${{ uppercase('hd') }}", "HD"),
        ("${{ replace(item.stem, ' ', '-') }}", "Hero-Shot"),
        ("${{ pad(item.index, 3) }}", "007"),
        ("${{ fixed(2.5, 2) }}", "2.50"),
        ("${{ format('{0}-{1}s', item.stem, matrix.seconds) }}", "Hero Shot-10s"),
        ("clip-${{ item.matrix.resolution }}-${{ run.date }}.mp4", "clip-720p-2026-11-25.mp4"),
        ("${{ item }}", "photos/Hero Shot.PNG"),
        ("${{ trim('  a ') }}", "a"),
        ("it''s ${{ 'it''s' }}", "it''s it's"),
    ])
    func functionsAndInterpolation(_ source: String, _ expected: String) throws {
        let value = try evaluate(source)
        #expect(value.interpolated == expected)
    }

    @Test func soleExpressionKeepsItsType() throws {
        #expect(try evaluate("${{ matrix.seconds }}") == .number(10))
        #expect(try evaluate("  ${{ matrix.seconds == 10 }}  ") == .bool(true))
        #expect(try evaluate("${{ length('abc') }}") == .number(3))
    }

    @Test(arguments: [
        ("${{ matrix.seconds > 5 && matrix.resolution == '480p' }}", true),
        ("${{ !(matrix.seconds > 5) || false }}", false),
        ("${{ item == 'photos/Hero Shot.PNG' }}", true),
        ("${{ contains(item.stem, 'Hero') }}", true),
        ("${{ startsWith(item.stem, 'x') }}", false),
        ("${{ endsWith(item.path, '.PNG') }}", true),
        ("${{ 'b' >= 'a' }}", true),
    ])
    func booleans(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test func deferredValuesPropagate() throws {
        let deferred = Value.deferred(DeferredValue(producer: "clips[x]", field: "project_id"))
        let evaluator = ExpressionEvaluator(scope: ["item": .object(["project_id": deferred])])
        #expect(try evaluator.evaluate(Template.parse("id-${{ lowercase(item.project_id) }}")) == deferred)
    }

    @Test func errorsCarryTheirColumn() {
        #expect(throws: ExpressionError.self) { try Template.parse("a ${{ item. }}") }
        do {
            _ = try Template.parse("ab${{ item + 1 }}")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.offset == 11)
            #expect(error.code == .expressionSyntax)
        }
    }

    @Test func typeCheckerFindsUnknownFieldsWithSuggestions() {
        let checker = TypeChecker(scope: ["item": .file])
        do {
            _ = try checker.check(Template.parse("${{ item.stme }}"))
            Issue.record("expected an unknown reference")
        } catch {
            #expect(error.code == .unknownReference)
            #expect(error.hint == "did you mean 'stem'?")
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = "${{ " + String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500) + " }}"
        #expect(throws: ExpressionError.self) { try Template.parse(deep) }
    }
}
