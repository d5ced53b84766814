import Testing

@testable import PipelineLanguage

/// The parser alone: the tree it builds (precedence, offsets, literals) and the errors it gives,
/// with the column each error points at.
@Suite struct ExpressionParserTests {
    @Test func andBindsTighterThanOr() throws {
        let tree = try ExpressionParser.parse("a || b && c")
        #expect(
            tree
                == .binary(
                    .or, .name("a", offset: 0),
                    .binary(.and, .name("b", offset: 5), .name("c", offset: 10), offset: 7), offset: 2))
    }

    @Test func parenthesesOverridePrecedence() throws {
        let tree = try ExpressionParser.parse("(a || b) && c")
        guard case .binary(.and, .binary(.or, _, _, _), .name("c", _), offset: 9) = tree else {
            Issue.record("expected (a || b) under &&, got \(tree)")
            return
        }
    }

    @Test func orAndAndAreLeftAssociative() throws {
        let tree = try ExpressionParser.parse("a || b || c")
        guard case .binary(.or, .binary(.or, .name("a", _), .name("b", _), _), .name("c", _), _) = tree else {
            Issue.record("expected ((a || b) || c), got \(tree)")
            return
        }
    }

    @Test(arguments: [
        ("1 == 2", BinaryOperator.equal), ("1 != 2", .notEqual), ("1 < 2", .less), ("1 <= 2", .lessOrEqual),
        ("1 > 2", .greater), ("1 >= 2", .greaterOrEqual),
    ])
    func everyComparisonOperatorParses(_ text: String, _ expected: BinaryOperator) throws {
        guard
            case .binary(let op, .literal(.number(1), _), .literal(.number(2), _), offset: 2) =
                try ExpressionParser.parse(text)
        else {
            Issue.record("\(text) did not parse as a comparison")
            return
        }
        #expect(op == expected)
    }

    @Test func comparisonsDoNotChain() {
        do {
            _ = try ExpressionParser.parse("1 < 2 < 3")
            Issue.record("a chained comparison parsed")
        } catch {
            #expect(error.offset == 6)
            #expect(error.message == "unexpected '<' after the expression")
        }
    }

    @Test func postfixChainsMembersAndIndexes() throws {
        let tree = try ExpressionParser.parse("stages.clips[0].url")
        #expect(
            tree
                == .member(
                    .index(
                        .member(.name("stages", offset: 0), "clips", offset: 7), .literal(.number(0), offset: 13),
                        offset: 12),
                    "url", offset: 16))
    }

    @Test func callsTakeZeroOrMoreArguments() throws {
        #expect(try ExpressionParser.parse("f()") == .call("f", [], offset: 0))
        #expect(
            try ExpressionParser.parse("f(1, 'x', g(y))")
                == .call(
                    "f",
                    [
                        .literal(.number(1), offset: 2), .literal(.string("x"), offset: 5),
                        .call("g", [.name("y", offset: 12)], offset: 10),
                    ], offset: 0))
    }

    @Test(arguments: [
        ("true", Value.bool(true)), ("false", .bool(false)), ("null", .null), ("42", .number(42)),
        ("-3", .number(-3)), ("2.25", .number(2.25)), ("'single'", .string("single")),
        ("\"double\"", .string("double")), ("'it''s'", .string("it's")), (#""a\"b""#, .string("a\"b")),
        ("''", .string("")),
    ])
    func literals(_ text: String, _ expected: Value) throws {
        #expect(try ExpressionParser.parse(text) == .literal(expected, offset: 0))
    }

    @Test func notNestsAndKeepsItsOffset() throws {
        #expect(
            try ExpressionParser.parse("!!a")
                == .not(.not(.name("a", offset: 2), offset: 1), offset: 0))
    }

    @Test func identifiersMayHoldDigitsUnderscoresAndHyphens() throws {
        #expect(try ExpressionParser.parse("image-to-video_2") == .name("image-to-video_2", offset: 0))
    }

    @Test func baseOffsetShiftsEveryOffset() throws {
        let tree = try ExpressionParser.parse("a.b", baseOffset: 10)
        #expect(tree == .member(.name("a", offset: 10), "b", offset: 12))
        do {
            _ = try ExpressionParser.parse("a ? b", baseOffset: 10)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 12)
        }
    }

    @Test(
        arguments: [
            ("", 0, "the expression is empty", nil),
            ("   ", 0, "the expression is empty", nil),
            ("a.", 2, "expected a field name after '.', found the end of the expression", nil),
            ("a.1", 2, "expected a field name after '.', found '1'", nil),
            ("f(1", 3, "expected ')', found the end of the expression", nil),
            ("(a", 2, "expected ')', found the end of the expression", nil),
            ("a[0", 3, "expected ']', found the end of the expression", nil),
            (")", 0, "expected a value, found ')'", nil),
            ("a b", 2, "unexpected 'b' after the expression", nil),
            ("a 'x'", 2, "unexpected a string after the expression", nil),
            ("1.2.3", 0, "'1.2.3' is not a number", nil),
            ("'abc", 0, "this string is never closed", "add a closing '"),
            ("a = b", 2, "unexpected character '=' in expression", "use == to compare"),
            ("a | b", 2, "unexpected character '|' in expression", "use || or &&"),
            ("a & b", 2, "unexpected character '&' in expression", "use || or &&"),
            ("a # b", 2, "unexpected character '#' in expression", nil),
            ("- 3", 0, "unexpected character '-' in expression", nil),
        ] as [(String, Int, String, String?)])
    func syntaxErrors(_ text: String, _ offset: Int, _ message: String, _ hint: String?) {
        do {
            let tree = try ExpressionParser.parse(text)
            Issue.record("'\(text)' parsed as \(tree)")
        } catch {
            #expect(error.code == .expressionSyntax)
            #expect(error.offset == offset)
            #expect(error.message == message)
            #expect(error.hint == hint)
        }
    }

    @Test func tooManyTokensIsTooComplex() {
        let long = "1" + String(repeating: " || 1", count: 300)
        do {
            _ = try ExpressionParser.parse(long, baseOffset: 4)
            Issue.record("a 602-token expression parsed")
        } catch {
            #expect(error.code == .tooComplex)
            #expect(error.offset == 4)
            #expect(error.message.contains("602 tokens, at most 512"))
        }
        #expect(throws: Never.self) { try ExpressionParser.parse("1" + String(repeating: " || 1", count: 250)) }
    }

    @Test func deepNotChainsAreTooComplex() {
        #expect(throws: Never.self) { try ExpressionParser.parse(String(repeating: "!", count: 64) + "a") }
        do {
            _ = try ExpressionParser.parse(String(repeating: "!", count: 65) + "a")
            Issue.record("65 nested '!' parsed")
        } catch {
            #expect(error.code == .tooComplex)
        }
    }

    @Test(
        arguments: [
            ("item", ["item"]), ("item.path", ["item", "path"]),
            ("item.matrix.resolution", ["item", "matrix", "resolution"]),
            ("item[0]", nil), ("f(x).y", nil), ("'a'", nil), ("item.list[0].x", nil),
        ] as [(String, [String]?)])
    func referencePaths(_ text: String, _ expected: [String]?) throws {
        #expect(try ExpressionParser.parse(text).referencePath == expected)
    }

    @Test(arguments: [
        ("env.KEY", true), ("lowercase(env.KEY)", true), ("item[env.KEY]", true), ("!env.FLAG", true),
        ("1 == env.X", true), ("env", true), ("item.env", false), ("'env.KEY'", false), ("environment.KEY", false),
        ("f(1, item)", false),
    ])
    func environmentReads(_ text: String, _ reads: Bool) throws {
        #expect(try ExpressionParser.parse(text).readsEnvironment == reads)
    }

    @Test func everyNodeReportsItsOwnOffset() throws {
        #expect(try ExpressionParser.parse("  x").offset == 2)
        #expect(try ExpressionParser.parse("a.b").offset == 2)
        #expect(try ExpressionParser.parse("a[1]").offset == 1)
        #expect(try ExpressionParser.parse(" f(1)").offset == 1)
        #expect(try ExpressionParser.parse("a == b").offset == 2)
        #expect(try ExpressionParser.parse(" !a").offset == 1)
    }
}

/// Splitting YAML strings into text and `${{ … }}` parts.
@Suite struct TemplateParsingTests {
    @Test func plainTextHasNoExpressions() throws {
        let template = try Template.parse("clip.mp4")
        #expect(template.parts == [.text("clip.mp4")])
        #expect(!template.hasExpressions)
        #expect(template.soleExpression == nil)
        #expect(Template(literal: "clip.mp4") == template)
    }

    @Test func anEmptyStringHasNoParts() throws {
        #expect(try Template.parse("").parts.isEmpty)
    }

    @Test func aSoleExpressionMayBeSurroundedByWhitespace() throws {
        let template = try Template.parse("  ${{ a }}\t")
        #expect(template.soleExpression == .name("a", offset: 6))
        #expect(template.hasExpressions)
    }

    @Test func twoExpressionsOrTextMakeInterpolation() throws {
        #expect(try Template.parse("${{ a }}${{ b }}").soleExpression == nil)
        #expect(try Template.parse("x${{ a }}").soleExpression == nil)
    }

    @Test func partsKeepTheirOrderAndOffsets() throws {
        let template = try Template.parse("ab${{ c }}-${{ d }}")
        #expect(
            template.parts == [
                .text("ab"), .expression(.name("c", offset: 6)), .text("-"), .expression(.name("d", offset: 15)),
            ])
    }

    @Test func closingBracesInsideQuotesDoNotEndTheExpression() throws {
        let template = try Template.parse("x ${{ '}}' }} y")
        #expect(template.parts == [.text("x "), .expression(.literal(.string("}}"), offset: 6)), .text(" y")])
        let double = try Template.parse(#"${{ "a}}b" }}"#)
        #expect(double.soleExpression == .literal(.string("a}}b"), offset: 4))
    }

    @Test(arguments: ["$ {{ a }}", "${ a }", "{{ a }}", "$$", "cost: $5"])
    func lookalikesAreText(_ text: String) throws {
        #expect(try Template.parse(text).parts == [.text(text)])
    }

    @Test func anUnclosedExpressionPointsAtItsStart() {
        do {
            _ = try Template.parse("name-${{ item.stem ")
            Issue.record("an unclosed ${{ parsed")
        } catch {
            #expect(error.offset == 5)
            #expect(error.message == "'${{' is never closed")
            #expect(error.hint == "close the expression with '}}'")
        }
    }

    @Test func anEmptyExpressionIsAnError() {
        do {
            _ = try Template.parse("a${{ }}")
            Issue.record("an empty expression parsed")
        } catch {
            #expect(error.message == "the expression is empty")
            #expect(error.offset == 4)
        }
    }
}
