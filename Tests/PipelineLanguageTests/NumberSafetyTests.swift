import Foundation
import PipelineLanguage
import PropertyBased
import Testing

/// Numbers at every edge (issue 11, point 1): huge, negative, NaN-like, 1e300, -0, fractional, and
/// plain garbage, in every builtin expression function and every numeric field. The compiler
/// must answer with diagnostics (each at a position in the file) or a plan, and never trap: a
/// trap ends the whole test process, so each of these failed on the old code.
@Suite struct NumberSafetyTests {
    /// Numbers written as YAML scalars: the edges first, then random ones.
    static let edgeNumbers = [
        "99999999999999999999", "-99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "18446744073709551616", "1e300", "-1e300", "1e999", "-1e999", ".nan", ".NaN", ".inf", "-.inf", "nan", "inf",
        "-0", "-0.0", "0", "0.5", "2.5", "-2.5", "-1", "1e15", "999999999999999", "1e-300", "4.9e-324", "1_000",
        "0x7FFFFFFFFFFFFFFF", "0o777", "5", "10", "64", "65", "12", "13", "20001",
    ]

    /// Texts that look almost like numbers, and other kinds of YAML values.
    static let oddTexts = ["'-'", "'1e'", "'--1'", "'1.2.3'", "' 7 '", "''", "null", "true", "[]", "{}"]

    /// A number as YAML text: an edge value, a random double or integer.
    static let number: Generator<String, AnySequence<(index: Int, value: Any)>> = Gen.oneOf(
        Gen.int(in: 0...(edgeNumbers.count - 1)).map { edgeNumbers[$0] }.eraseToAny(),
        Gen.double(in: -1e300...1e300).map { String($0) }.eraseToAny(),
        Gen.double(in: -100...100).map { String($0) }.eraseToAny(),
        Gen.int(in: Int.min...Int.max).map { String($0) }.eraseToAny(),
        Gen.int(in: -100...100).map { String($0) }.eraseToAny()
    )

    /// A number, or random text (letters and digits, quoted so YAML keeps it a string).
    static let value: Generator<String, AnySequence<(index: Int, value: Any)>> = Gen.oneOf(
        number.eraseToAny(),
        Gen.letterOrNumber.string(of: 0...12).map { "'\($0)'" }.eraseToAny(),
        Gen.int(in: 0...(oddTexts.count - 1)).map { oddTexts[$0] }.eraseToAny()
    )

    /// Compiles `text` as a file in a folder with an image, and checks the answer's shape.
    static func expectAnswer(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryDirectory()
        try folder.write("a.png", "not really a png")
        let compilation = PipelineCompiler().compile(
            source: SourceFile(path: "numbers.yaml", text: text), baseDirectory: folder.path,
            options: PlanOptions(
                computeCacheKeys: false, environment: [:], runID: "r", runDate: Date(timeIntervalSince1970: 0)))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            compilation.plan != nil || compilation.hasErrors, "neither a plan nor an error for:\n\(text)",
            sourceLocation: sourceLocation)
        for diagnostic in compilation.diagnostics {
            #expect(diagnostic.location.file == "numbers.yaml", sourceLocation: sourceLocation)
            #expect((1...lines).contains(diagnostic.location.line), "\(diagnostic)", sourceLocation: sourceLocation)
            #expect(diagnostic.location.column >= 1, "\(diagnostic)", sourceLocation: sourceLocation)
            #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
        }
    }

    /// A pipeline whose one stage puts `expression` into a text parameter, with `k` in the matrix.
    static func expressionPipeline(_ expression: String, k: String) -> String {
        """
        version: 1
        inputs:
          n: { values: [a, b, c] }
        stages:
          clips:
            uses: magic_hour.image_to_video
            matrix:
              k: [\(k)]
            with:
              image: https://example.com/a.png
              end_seconds: 5
              prompt: "${{ \(expression) }}"

        """
    }

    @Test("every builtin function, with random numbers and strings for every argument, never traps")
    func builtinFunctionsNeverTrap() async throws {
        for function in BuiltinFunction.table {
            let count = max(function.parameters.count, function.minimumArguments)
            await propertyCheck(count: 40, input: Self.value, Gen.int(in: 0...6), Gen.int(in: 0...6)) { k, a, b in
                var arguments = Array(repeating: "matrix.k", count: count)
                let pool = ["matrix.k", "99999999999999999999", "-9223372036854775808", "1.5", "'x'", "-1", "0"]
                if count > 1 { arguments[count - 1] = pool[a] }
                if count > 2 { arguments[0] = pool[b] }
                let call = "\(function.name)(\(arguments.joined(separator: ", ")))"
                try Self.expectAnswer(Self.expressionPipeline("string(\(call))", k: k))
            }
        }
    }

    @Test("list indexes of any number (huge, negative, NaN, fractional) never trap")
    func indexesNeverTrap() async throws {
        await propertyCheck(count: 150, input: Self.value) { k in
            try Self.expectAnswer(Self.expressionPipeline("inputs.n[matrix.k]", k: k))
        }
        for literal in ["99999999999999999999", "-1", "1.5", "-9223372036854775808", "3"] {
            try Self.expectAnswer(Self.expressionPipeline("inputs.n[\(literal)]", k: "1"))
        }
    }

    /// Every numeric field of the language, with `VALUE` where the random value goes.
    static let numericFields: [String] = [
        "VERSION", "settings:\n  max_parallel: VALUE", "settings:\n  budget_credits: VALUE",
        "settings:\n  max_tasks: VALUE",
        "schedule:\n  cron: \"0 6 * * *\"\n  overlap: wait\n  wait_timeout: VALUE",
        "schedule:\n  cron: \"0 6 * * *\"\n  overlap: wait\n  wait_timeout: VALUEm",
        "STAGE\n    timeout: VALUE", "STAGE\n    timeout: VALUEh", "STAGE\n    timeout: VALUEms",
        "STAGE\n    retry: VALUE", "STAGE\n    retry: { attempts: VALUE, backoff: VALUEs }",
        "STAGE\n    max_parallel: VALUE", "RESIZE width: VALUE", "RESIZE height: VALUE", "RESIZE quality: VALUE",
        "VIDEO end_seconds: VALUE", "VIDEO end_seconds: \"${{ matrix.k }}\"",
        "RESIZE width: \"${{ matrix.k }}\"", "RESIZE width: 10, height: \"${{ pad(matrix.k, 2) }}\"",
    ]

    /// The file for one numeric field with `value` put in.
    static func fieldPipeline(_ field: String, _ value: String) -> String {
        let resize = "uses: image.resize\n    for_each: [\"a.png\"]\n    with: { image: \"${{ item }}\", "
        let video = "uses: magic_hour.image_to_video\n    with: { image: \"https://example.com/a.png\", "
        var top = ""
        var stage = "uses: image.resize\n    for_each: [\"a.png\"]\n    with: { image: \"${{ item }}\", width: 10 }"
        if field.hasPrefix("STAGE") {
            stage += field.dropFirst("STAGE".count)
        } else if field.hasPrefix("RESIZE ") {
            stage = resize + field.dropFirst("RESIZE ".count) + " }"
        } else if field.hasPrefix("VIDEO ") {
            stage = video + field.dropFirst("VIDEO ".count) + " }"
        } else if field != "VERSION" {
            top = field + "\n"
        }
        let version = field == "VERSION" ? value : "1"
        let body = "version: \(version)\n\(top)stages:\n  s:\n    \(stage)\n    matrix: { k: [\(value)] }\n"
        return body.replacingOccurrences(of: "VALUE", with: value)
    }

    @Test("every numeric field, with random numbers and strings, gives diagnostics or a plan")
    func numericFieldsNeverTrap() async throws {
        for field in Self.numericFields {
            await propertyCheck(count: 30, input: Self.number) { value in
                try Self.expectAnswer(Self.fieldPipeline(field, value))
            }
            for value in Self.edgeNumbers {
                try Self.expectAnswer(Self.fieldPipeline(field, value))
            }
        }
    }

    @Test(
        "each number of issue 11 is an error at its own position",
        arguments: [
            ("prompt: \"${{ inputs.n[99999999999999999999] }}\"", 11, "is outside the list of 3"),
            ("prompt: \"${{ pad(99999999999999999999, 3) }}\"", 11, "pad(): the number 1e+20 is out of range"),
            (
                "prompt: \"${{ pad(-9223372036854775808, 3) }}\"", 11,
                "pad(): the number -9.223372036854776e+18 is out of range"
            ),
            (
                "prompt: \"${{ fixed(1, 99999999999999999999) }}\"", 11,
                "fixed(): the count of decimals 1e+20 is out of range (0 to 12)"
            ),
            ("prompt: \"${{ pad(matrix.k, 2) }}\"", 11, "pad(): the number 1e+300 is out of range"),
        ])
    func issueNumbersAreErrors(line: String, row: Int, message: String) throws {
        let text = """
            version: 1
            inputs:
              n: { values: [a, b, c] }
            stages:
              clips:
                uses: magic_hour.image_to_video
                matrix: { k: [1e300] }
                with:
                  image: https://example.com/a.png
                  end_seconds: 5
                  \(line)

            """
        let compilation = compile(text)
        let error = try #require(compilation.errors.first, "\(compilation.diagnostics)")
        #expect(error.location.line == row)
        #expect(error.location.column > 5)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("durations too long for the engine are errors at their position")
    func hugeDurationsAreErrors() throws {
        let text = """
            version: 1
            schedule:
              cron: "0 6 * * *"
              overlap: wait
              wait_timeout: 999999999999999999m
            stages:
              s:
                uses: magic_hour.image_to_video
                with: { image: https://example.com/a.png, end_seconds: 5 }
                timeout: 99999999999999999999h
                retry: { attempts: 3, backoff: 999999999h }

            """
        let errors = compile(text).errors
        let found = errors.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found.contains("5:17 'wait_timeout' must be at most 7d, got 999999999999999999m"), "\(found)")
        #expect(found.contains("10:14 'timeout' must be at most 7d, got 99999999999999999999h"), "\(found)")
        #expect(found.contains("11:36 'backoff' must be at most 1h, got 999999999h"), "\(found)")
    }
}
