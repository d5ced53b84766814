import Testing

@testable import PipelineLanguage

/// Outputs stay inside `settings.output_dir` with names every common file system takes; a path
/// built from an env value is described, never quoted.
@Suite struct OutputPathRulesTests {
    @Test(arguments: [
        "clips/a.mp4", "a.mp4", "deep/er/still/ok.png", "a//b.png", "./a.png", "a/./b.png", "clips/café.mp4",
        ".hidden/a.png", "com0.mp4", "console.txt", "CONFIG/x.png", "nul_list.txt", String(repeating: "n", count: 255),
    ])
    func safePathsPass(_ path: String) {
        #expect(OutputPathRules.problem(inPath: path) == nil, "\(path)")
    }

    @Test(
        arguments: [
            ("/abs/a.mp4", "'/abs/a.mp4' is absolute; outputs go inside settings.output_dir", "use a relative path"),
            ("~/a.mp4", "'~/a.mp4' is absolute; outputs go inside settings.output_dir", "use a relative path"),
            (
                "a/../../b", "'a/../../b' climbs out of settings.output_dir with '..'",
                "outputs must stay inside output_dir"
            ),
            (
                "a/b/../c.png", "'a/b/../c.png' climbs out of settings.output_dir with '..'",
                "outputs must stay inside output_dir"
            ),
            (
                "../b.png", "'../b.png' climbs out of settings.output_dir with '..'",
                "outputs must stay inside output_dir"
            ),
            ("a\u{7}b", "the path contains control characters", nil),
            ("a\u{7F}b", "the path contains control characters", nil),
            ("a:b.mp4", "'a:b.mp4' contains ':', which common file systems do not allow in names", nil),
            ("x/a*b.mp4", "'a*b.mp4' contains '*', which common file systems do not allow in names", nil),
            ("x/a\\b.mp4", "'a\\b.mp4' contains '\\', which common file systems do not allow in names", nil),
            ("é/a?.mp4", "'a?.mp4' contains '?', which common file systems do not allow in names", nil),
            ("dir /a.mp4", "'dir ' ends with a space or a dot, which common file systems do not allow", nil),
            ("name.", "'name.' ends with a space or a dot, which common file systems do not allow", nil),
            ("CON.txt", "'CON.txt' is a reserved device name on Windows file systems", nil),
            ("out/lpt9.mp4", "'lpt9.mp4' is a reserved device name on Windows file systems", nil),
            ("Aux", "'Aux' is a reserved device name on Windows file systems", nil),
            (String(repeating: "n", count: 256), "a name in the path is longer than 255 bytes", nil),
            (String(repeating: "é", count: 128), "a name in the path is longer than 255 bytes", nil),
            (".", "the path names output_dir itself, not a file", nil),
            ("./", "the path names output_dir itself, not a file", nil),
            ("a/..", "'a/..' climbs out of settings.output_dir with '..'", "outputs must stay inside output_dir"),
        ] as [(String, String, String?)])
    func unsafePathsAreRefusedWithTheReason(_ path: String, _ message: String, _ hint: String?) throws {
        let problem = try #require(OutputPathRules.problem(inPath: path), "\(path) was accepted")
        #expect(problem.message == message)
        #expect(problem.hint == hint)
    }

    @Test(arguments: [
        ("/sk-secret/a.mp4", "the path is absolute; outputs go inside settings.output_dir"),
        ("../sk-secret", "the path climbs out of settings.output_dir with '..'"),
        ("sk:secret.mp4", "a name in the path contains ':', which common file systems do not allow in names"),
        ("sk-secret.", "a name in the path ends with a space or a dot, which common file systems do not allow"),
        ("COM1.sk", "a name in the path is a reserved device name on Windows file systems"),
    ])
    func withoutQuotingTheMessageNamesThePathNotItsText(_ path: String, _ message: String) throws {
        let problem = try #require(OutputPathRules.problem(inPath: path, quoting: false))
        #expect(problem.message == message)
        #expect(!problem.message.contains("secret"))
    }

    static let location = SourceLocation(file: "p.yaml", line: 3, column: 12)

    static func problem(_ text: String, scope: [String: Value]) throws -> ParameterProblem? {
        let template = try Template.parse(text)
        let evaluator = ExpressionEvaluator(scope: scope)
        return OutputPathRules.problem(
            in: .template(template, location: location, exact: true), evaluator: evaluator,
            resolved: try evaluator.evaluate(template))
    }

    @Test func aValueWithASeparatorIsRefusedBeforeThePathIsJudged() throws {
        let scope: [String: Value] = ["item": .object(["stem": .string("a/b")])]
        let problem = try #require(try Self.problem("clips/${{ item.stem }}.mp4", scope: scope))
        #expect(problem.message == "the value 'a/b' put into the path contains a path separator")
        #expect(problem.hint == "use basename(…) or replace(…, '/', '-') on it")
        let backslash = try #require(
            try Self.problem("${{ item.stem }}.mp4", scope: ["item": .object(["stem": .string("a\\b")])]))
        #expect(backslash.message == "the value 'a\\b' put into the path contains a path separator")
        let unicode = try #require(
            try Self.problem("${{ item.stem }}.mp4", scope: ["item": .object(["stem": .string("é/ü")])]))
        #expect(unicode.message == "the value 'é/ü' put into the path contains a path separator")
    }

    @Test(arguments: ["..", "."])
    func aValueThatIsADotSegmentWouldChangeFolders(_ stem: String) throws {
        let problem = try #require(
            try Self.problem("clips/${{ item.stem }}/a.mp4", scope: ["item": .object(["stem": .string(stem)])]))
        #expect(problem.message == "the value '\(stem)' put into the path would change folders")
    }

    @Test func anEnvValueIsNeverQuoted() throws {
        let scope: [String: Value] = ["env": .object(["TOKEN": .string("sk/live")])]
        let separator = try #require(try Self.problem("${{ env.TOKEN }}.mp4", scope: scope))
        #expect(separator.message == "an env value put into the path contains a path separator")
        let absolute = try #require(
            try Self.problem("${{ env.TOKEN }}", scope: ["env": .object(["TOKEN": .string("/sk-live")])]))
        #expect(absolute.message == "an env value put into the path contains a path separator")
        let colon = try #require(
            try Self.problem("out/${{ env.TOKEN }}.mp4", scope: ["env": .object(["TOKEN": .string("sk:live")])]))
        #expect(colon.message == "a name in the path contains ':', which common file systems do not allow in names")
    }

    @Test func aSafeTemplateAndALiteralPathPass() throws {
        #expect(
            try Self.problem(
                "clips/${{ item.stem }}-${{ pad(3, 2) }}.mp4", scope: ["item": .object(["stem": .string("a")])]) == nil)
        #expect(
            OutputPathRules.problem(
                in: .literal(.string("clips/a.mp4"), location: Self.location),
                evaluator: ExpressionEvaluator(scope: [:]),
                resolved: .string("clips/a.mp4")) == nil)
        let literal = OutputPathRules.problem(
            in: .literal(.string("/abs.mp4"), location: Self.location), evaluator: ExpressionEvaluator(scope: [:]),
            resolved: .string("/abs.mp4"))
        #expect(literal?.message == "'/abs.mp4' is absolute; outputs go inside settings.output_dir")
    }

    @Test func aDeferredPathIsJudgedWhenItIsKnown() throws {
        let deferred = Value.deferred(DeferredValue(producer: "p", field: "name"))
        #expect(try Self.problem("${{ item.name }}/../x", scope: ["item": .object(["name": deferred])]) == nil)
    }
}
