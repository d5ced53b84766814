import Testing

@testable import PipelineLanguage

/// Evaluation against concrete values: names, fields, indexes, operators, the built-in functions
/// and their errors, and deferred values passing through every kind of node.
@Suite struct ExpressionEvaluatorTests {
    static let deferred = Value.deferred(DeferredValue(producer: "clips[a]", field: "url"))
    let scope: [String: Value] = [
        "item": .object(["path": .string("in/a.png"), "stem": .string("a")]),
        "tags": .list([.string("a"), .string("b")]),
        "empty": .list([]),
        "mixed": .list([.string("x"), .number(1), .list([])]),
        "count": .number(3),
        "env": .object(["HOME_DIR": .string("/home/me")]),
        "d": ExpressionEvaluatorTests.deferred,
    ]

    func evaluate(_ text: String) throws(ExpressionError) -> Value {
        try ExpressionEvaluator(scope: scope).evaluate(Template.parse(text))
    }

    func failure(_ text: String) -> ExpressionError? {
        do {
            let value = try evaluate(text)
            Issue.record("'\(text)' evaluated to \(value)")
            return nil
        } catch {
            return error
        }
    }

    @Test func anUnknownNameSuggestsTheClosestRoot() throws {
        let error = try #require(failure("${{ itme.path }}"))
        #expect(error.code == .unknownReference)
        #expect(error.message == "unknown name 'itme'")
        #expect(error.hint == "did you mean 'item'?")
        #expect(error.offset == 4)
    }

    @Test func aMissingEnvironmentVariableSaysHowToSetIt() throws {
        #expect(try evaluate("${{ env.HOME_DIR }}") == .string("/home/me"))
        let error = try #require(failure("${{ env.API_TOKEN }}"))
        #expect(error.code == .environment)
        #expect(error.message == "the environment variable 'API_TOKEN' is not set")
        #expect(error.hint == "export it, or put it in the file named by settings.env_file")
        #expect(error.offset == 8)
    }

    @Test func anUnknownFieldSuggestsAKnownOne() throws {
        let error = try #require(failure("${{ item.stme }}"))
        #expect(error.code == .unknownReference)
        #expect(error.message == "'stme' is not a field here")
        #expect(error.hint == "did you mean 'stem'?")
    }

    @Test func aNumberHasNoFields() throws {
        let error = try #require(failure("${{ count.x }}"))
        #expect(error.code == .expressionType)
        #expect(error.message == "a number has no field 'x'")
    }

    @Test(arguments: [("${{ tags[0] }}", "a"), ("${{ tags[1] }}", "b"), ("${{ item['stem'] }}", "a")])
    func indexesPickElementsAndFields(_ text: String, _ expected: String) throws {
        #expect(try evaluate(text) == .string(expected))
    }

    @Test(
        arguments: [
            (
                "${{ tags[2] }}", DiagnosticCode.invalidValue, "index 2 is outside the list of 2",
                "indexes are whole numbers from 0 to 1"
            ),
            (
                "${{ tags[0.5] }}", .invalidValue, "index 0.5 is outside the list of 2",
                "indexes are whole numbers from 0 to 1"
            ),
            (
                "${{ tags[-1] }}", .invalidValue, "index -1 is outside the list of 2",
                "indexes are whole numbers from 0 to 1"
            ),
            (
                "${{ tags[100000000000000000000] }}", .invalidValue, "index 1e+20 is outside the list of 2",
                "indexes are whole numbers from 0 to 1"
            ),
            ("${{ empty[0] }}", .invalidValue, "index 0 is outside the list of 0", nil),
            ("${{ item['nope'] }}", .unknownReference, "'nope' is not a field here", nil),
            ("${{ tags['x'] }}", .expressionType, "cannot index a list of strings with a string", nil),
            ("${{ count[0] }}", .expressionType, "cannot index a number with a number", nil),
        ] as [(String, DiagnosticCode, String, String?)])
    func badIndexesAreRefused(_ text: String, _ code: DiagnosticCode, _ message: String, _ hint: String?) throws {
        let error = try #require(failure(text))
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.hint == hint)
    }

    @Test(arguments: [
        ("${{ pad(-5, 3) }}", "-005"), ("${{ pad('7', 2) }}", "07"), ("${{ pad(7, 0) }}", "7"),
        ("${{ pad(2.6, 3) }}", "003"), ("${{ pad(12345, 2) }}", "12345"),
        ("${{ fixed(-0.004, 2) }}", "0.00"), ("${{ fixed(-1.25, 1) }}", "-1.3"), ("${{ fixed(3, 0) }}", "3"),
        ("${{ fixed(0.5, 3) }}", "0.500"), ("${{ fixed(1234.5678, 2) }}", "1234.57"),
        ("${{ replace('abc', '', 'x') }}", "abc"), ("${{ replace('a-b-c', '-', '') }}", "abc"),
        ("${{ join(mixed, '+') }}", "x+1"), ("${{ join(empty, '+') }}", ""), ("${{ length(item) }}", "2"),
        ("${{ length(tags) }}", "2"), ("${{ length('') }}", "0"), ("${{ contains(tags, 'b') }}", "true"),
        ("${{ contains(tags, 'z') }}", "false"), ("${{ format('{1}{0}{1}', 'a', 'b') }}", "bab"),
        ("${{ format('{0}|{2}', null, 1, 2.5) }}", "|2.5"), ("${{ format('plain') }}", "plain"),
        ("${{ string(2.5) }}", "2.5"), ("${{ string(true) }}", "true"), ("${{ basename('a/b/') }}", "b"),
        ("${{ stem('.hidden') }}", ".hidden"), ("${{ extension('.hidden') }}", ""),
        ("${{ extension('a.tar.gz') }}", "gz"), ("${{ stem('a.tar.gz') }}", "a.tar"), ("${{ dirname('file') }}", "."),
        ("${{ dirname('/file') }}", "/"), ("${{ basename(item) }}", "a.png"), ("${{ uppercase(item.stem) }}", "A"),
        ("${{ dirname('fotos/été/x.png') }}", "fotos/été"), ("${{ dirname('a/\u{301}b') }}", "a"),
        ("${{ dirname('/a/b') }}", "/a"), ("${{ basename('/') }}", ""), ("${{ basename('plain') }}", "plain"),
        ("${{ basename('été/café.png') }}", "café.png"), ("${{ stem('été/café.png') }}", "café"),
        ("${{ extension('été/café.jpég') }}", "jpég"), ("${{ stem('dir.d/file') }}", "file"),
    ])
    func functionResults(_ text: String, _ expected: String) throws {
        #expect(try evaluate(text).interpolated == expected)
    }

    @Test(arguments: [
        ("${{ pad(1, 100) }}", DiagnosticCode.invalidValue, "pad(): the width 100 is out of range (0 to 64)"),
        ("${{ pad(5, -1) }}", .invalidValue, "pad(): the width -1 must not be negative"),
        (
            "${{ pad(10000000000000000, 2) }}", .invalidValue,
            "pad(): the number 1e+16 is out of range (-999999999999999 to 999999999999999)"
        ),
        ("${{ pad('seven', 2) }}", .expressionType, "pad(): expected a number, got a string"),
        ("${{ fixed(1, 13) }}", .invalidValue, "fixed(): the count of decimals 13 is out of range (0 to 12)"),
        ("${{ lowercase(tags) }}", .expressionType, "lowercase(): expected text, got a list of strings"),
        ("${{ length(5) }}", .expressionType, "length(): length() needs a text or a list"),
        ("${{ join('a', '-') }}", .expressionType, "join(): join() needs a list"),
        ("${{ contains(5, 1) }}", .expressionType, "contains(): contains() needs a text or a list"),
        ("${{ format('{0}', tags) }}", .expressionType, "format(): format() cannot print a list of strings"),
        ("${{ string(tags) }}", .expressionType, "string(): a list of strings has no text form"),
        ("${{ shout('a') }}", .unknownFunction, "unknown function 'shout'"),
    ])
    func functionErrorsNameTheFunction(_ text: String, _ code: DiagnosticCode, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.offset == 4, "a function's error points at its name")
    }

    @Test(arguments: [
        ("${{ false && nope }}", false), ("${{ true || nope }}", true), ("${{ true || 1 }}", true),
        ("${{ true && true }}", true), ("${{ false || false }}", false),
    ])
    func andAndOrShortCircuit(_ text: String, _ expected: Bool) throws {
        #expect(try evaluate(text) == .bool(expected))
    }

    @Test(arguments: [
        ("${{ true && nope }}", DiagnosticCode.unknownReference, "unknown name 'nope'"),
        ("${{ 1 && true }}", .expressionType, "'&&' needs booleans, got a number"),
        ("${{ false || 'yes' }}", .expressionType, "'||' needs booleans, got a string"),
        ("${{ !1 }}", .expressionType, "'!' needs a boolean, got a number"),
        ("${{ 1 < 'a' }}", .expressionType, "cannot order a number and a string with '<'"),
        ("${{ tags >= tags }}", .expressionType, "cannot order a list of strings and a list of strings with '>='"),
    ])
    func operatorTypeErrors(_ text: String, _ code: DiagnosticCode, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.code == code)
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("${{ 1 == '1' }}", false), ("${{ item == 'in/a.png' }}", true), ("${{ 'in/a.png' == item }}", true),
        ("${{ item != 'in/b.png' }}", true), ("${{ item < 'z' }}", true), ("${{ null == null }}", true),
        ("${{ tags == tags }}", true), ("${{ 2 >= 2 }}", true), ("${{ 2 > 2 }}", false), ("${{ 'B' < 'a' }}", true),
        ("${{ -1 <= -2 }}", false), ("${{ count == 3 }}", true),
    ])
    func comparisons(_ text: String, _ expected: Bool) throws {
        #expect(try evaluate(text) == .bool(expected))
    }

    @Test func interpolationPrintsScalarsAndFiles() throws {
        #expect(try evaluate("n=${{ null }}") == .string("n="))
        #expect(try evaluate("v${{ count }}") == .string("v3"))
        #expect(try evaluate("${{ 1.5 }}s") == .string("1.5s"))
        #expect(try evaluate("${{ item }}!") == .string("in/a.png!"))
        #expect(try evaluate("${{ tags }}") == .list([.string("a"), .string("b")]), "a sole expression keeps its list")
    }

    @Test func aListCannotBePutIntoText() throws {
        let error = try #require(failure("x ${{ tags }}"))
        #expect(error.code == .expressionType)
        #expect(error.message == "a list of strings cannot be put into text")
        #expect(error.hint == "pick one field or element of it")
        #expect(error.offset == 6)
    }

    @Test(arguments: [
        "${{ !d }}", "${{ d == 1 }}", "${{ 1 == d }}", "${{ tags[d] }}", "${{ d[0] }}", "${{ d.x }}",
        "${{ true && d }}", "${{ d || false }}", "a-${{ d }}-b", "${{ count }}-${{ d }}", "${{ format('{0}', d) }}",
    ])
    func aDeferredOperandDefersTheResult(_ text: String) throws {
        #expect(try evaluate(text) == Self.deferred)
    }

    @Test func aDecidedShortCircuitIgnoresADeferredRightSide() throws {
        #expect(try evaluate("${{ false && d }}") == .bool(false))
        #expect(try evaluate("${{ true || d }}") == .bool(true))
    }
}

/// The built-in function table: the examples the documentation prints are true, and signatures read well.
@Suite struct BuiltinFunctionTableTests {
    @Test(arguments: BuiltinFunction.table.map(\.name))
    func theDocumentedExampleEvaluatesToItsDocumentedResult(_ name: String) throws {
        let function = try #require(BuiltinFunction.all[name])
        let sides = function.example.components(separatedBy: " → ")
        try #require(sides.count == 2, "'\(function.example)' is not 'call → result'")
        #expect(sides[0].hasPrefix(name + "("), "the example of \(name) calls another function")
        let scope: [String: Value] = [
            "matrix": .object(["tags": .list([.string("a"), .string("b")])]),
            "item": .object(["name": .string("hero shot")]),
        ]
        let value = try ExpressionEvaluator(scope: scope).evaluate(Template.parse("${{ \(sides[0]) }}"))
        var expected = sides[1]
        if expected.hasPrefix("\""), expected.hasSuffix("\"") { expected = String(expected.dropFirst().dropLast()) }
        #expect(value.interpolated == expected)
    }

    @Test func namesAreUniqueAndEveryFunctionHasASummary() {
        #expect(BuiltinFunction.all.count == BuiltinFunction.table.count)
        for function in BuiltinFunction.table {
            #expect(!function.summary.isEmpty, "\(function.name) has no summary")
            #expect(function.minimumArguments <= function.parameters.count)
        }
    }

    @Test func signaturesShowTypesAndVariadics() throws {
        #expect(try #require(BuiltinFunction.all["pad"]).signature == "pad(number, number)")
        #expect(try #require(BuiltinFunction.all["format"]).signature == "format(string, any, …)")
        #expect(try #require(BuiltinFunction.all["join"]).signature == "join(list, string)")
        #expect(try #require(BuiltinFunction.all["format"]).minimumArguments == 1)
        #expect(try #require(BuiltinFunction.all["replace"]).minimumArguments == 3)
    }
}

/// "Did you mean …?": how close a misspelling must be, and which candidate wins.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("", "abc", 0 + 3), ("abc", "", 3), ("abc", "abc", 0), ("ab", "ba", 1), ("abcd", "acbd", 1),
        ("kitten", "sitting", 3), ("stages", "stage", 1), ("flaw", "lawn", 2),
    ])
    func editDistanceCountsTranspositionsAsOneEdit(_ a: String, _ b: String, _ distance: Int) {
        #expect(Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) == distance)
        #expect(Suggestion.editDistance(Array(b.unicodeScalars), Array(a.unicodeScalars)) == distance)
    }

    @Test(
        arguments: [
            ("itme", ["item", "matrix"], "item"), ("STAGES", ["stages"], "stages"), ("xyz", ["item"], nil),
            ("resolutoin", ["resolution", "seconds"], "resolution"), ("cat", ["bat", "hat"], "bat"),
            ("ab", ["xy"], nil), ("a", ["b"], "b"), ("anything", [], nil),
            ("max_paralel", ["max_parallel", "retry"], "max_parallel"), ("durtion", ["duration"], "duration"),
            ("seconds", ["resolution"], nil),
        ] as [(String, [String], String?)])
    func closestCandidate(_ word: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test func didYouMeanQuotesTheCandidate() {
        #expect(Suggestion.didYouMean("stgaes", among: ["stages", "settings"]) == "did you mean 'stages'?")
        #expect(Suggestion.didYouMean("zzzzzz", among: ["stages", "settings"]) == nil)
    }
}
