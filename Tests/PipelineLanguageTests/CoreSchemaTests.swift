import Testing

@testable import PipelineLanguage

/// Plain YAML scalars resolved by the 1.2 core schema (no "Norway problem"), and the pre-scan
/// that refuses hostile nesting before the parser sees it.
@Suite struct CoreSchemaTests {
    @Test(arguments: [
        ("", SyntaxNode.ScalarKind.null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string), ("true", .boolean), ("False", .boolean), ("TRUE", .boolean), ("tRue", .string),
        ("yes", .string), ("no", .string), ("on", .string), ("off", .string), ("y", .string),
        (".inf", .float), ("-.inf", .float), ("+.inf", .float), (".NaN", .float), ("nan", .string), ("inf", .string),
        ("42", .integer), ("-7", .integer), ("+3", .integer), ("007", .integer), ("1.5", .float), (".5", .float),
        ("5.", .float), ("1e3", .float), ("1E-3", .float), ("1.5e+3", .float), ("-2e5", .float), ("1e", .string),
        ("1e+", .string), ("e3", .string), ("1.2.3", .string), ("-", .string), ("+", .string), ("1e3e4", .string),
        ("1e3.5", .string), ("1_000", .string), ("0x1F", .string), (" 1", .string), (".", .string), ("12:30", .string),
        ("1,5", .string),
    ])
    func plainScalars(_ text: String, _ kind: SyntaxNode.ScalarKind) {
        #expect(CoreSchema.kind(of: text) == kind, "'\(text)'")
    }

    @Test(
        arguments: [
            ("a: 1\nb: [1, 2]\n", 3, nil), ("[[[[1]]]]", 3, 1), ("[[[1]]]", 3, nil),
            ("a:\n  b:\n    c:\n      d: 1\n", 2, 4), ("a:\n  b:\n    c: 1\n", 2, nil), ("- - - x", 2, 1),
            ("- - x", 2, nil),
            ("a: x-y-z-w", 0, nil), ("]]]][", 1, nil), ("]]]][[", 1, 1), ("a: '[[['", 2, 1),
            ("x: 1\ny: {a: {b: {c: 1}}}", 2, 2),
        ] as [(String, Int, Int?)])
    func nestingIsBoundedBeforeParsing(_ text: String, _ limit: Int, _ line: Int?) {
        #expect(NestingScanner.firstLineDeeperThan(limit, in: text) == line, "\(text.debugDescription)")
    }

    @Test func indentationCountsTwoSpacesAsOneLevel() {
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(NestingScanner.firstLineDeeperThan(10, in: deep) == 12, "line 12 is indented 11 levels")
        #expect(NestingScanner.firstLineDeeperThan(39, in: deep) == nil)
    }
}
