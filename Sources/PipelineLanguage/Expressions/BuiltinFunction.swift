import Foundation

/// A function callable in expressions. One table serves the type checker, the evaluator and the docs.
public struct BuiltinFunction: Sendable {
    public var name: String
    /// Argument types in order; the last repeats when `variadic`.
    public var parameters: [ValueType]
    public var minimumArguments: Int
    public var variadic: Bool
    public var result: ValueType
    public var summary: String
    public var example: String
    let body: @Sendable ([Value]) throws -> Value

    /// Every function of the language, by name.
    public static let all: [String: BuiltinFunction] = Dictionary(
        uniqueKeysWithValues: BuiltinFunction.table.map { ($0.name, $0) })

    public static let table: [BuiltinFunction] = [
        .init("basename", [.string], .string, "the file name of a path", "basename('a/b/photo.png') → photo.png") {
            .string(PathText.basename(try textArgument($0[0])))
        },
        .init("stem", [.string], .string, "the file name without its extension", "stem('a/photo.png') → photo") {
            .string(PathText.stem(try textArgument($0[0])))
        },
        .init("extension", [.string], .string, "the extension without the dot", "extension('a/photo.png') → png") {
            .string(PathText.extension(try textArgument($0[0])))
        },
        .init("dirname", [.string], .string, "the folder part of a path", "dirname('a/b/photo.png') → a/b") {
            .string(PathText.dirname(try textArgument($0[0])))
        },
        .init("lowercase", [.string], .string, "the text in lower case", "lowercase('IMG_01') → img_01") {
            .string(try textArgument($0[0]).lowercased())
        },
        .init("uppercase", [.string], .string, "the text in upper case", "uppercase('hd') → HD") {
            .string(try textArgument($0[0]).uppercased())
        },
        .init("trim", [.string], .string, "the text without surrounding spaces", "trim(' a ') → a") {
            .string(try textArgument($0[0]).trimmingCharacters(in: .whitespaces))
        },
        .init(
            "replace", [.string, .string, .string], .string,
            "every occurrence of the second text replaced by the third",
            "replace('my photo', ' ', '-') → my-photo"
        ) {
            let needle = try textArgument($0[1])
            guard !needle.isEmpty else { return .string(try textArgument($0[0])) }
            return .string(try textArgument($0[0]).replacingOccurrences(of: needle, with: try textArgument($0[2])))
        },
        .init(
            "pad", [.number, .number], .string, "a whole number padded with zeros to a width", "pad(7, 3) → 007"
        ) {
            let number = try wholeArgument($0[0], "the number", limit: Self.largestWhole)
            let width = try wholeArgument($0[1], "the width", limit: 64)
            let digits = String(number.magnitude)
            let padded = String(repeating: "0", count: max(0, Int(width) - digits.count)) + digits
            return .string(number < 0 ? "-" + padded : padded)
        },
        .init(
            "fixed", [.number, .number], .string, "a number with a fixed count of decimals", "fixed(2.5, 2) → 2.50"
        ) {
            let decimals = try wholeArgument($0[1], "the count of decimals", limit: 12)
            let number = try numberArgument($0[0])
            guard number.isFinite else {
                throw ExpressionError(.invalidValue, at: 0, "\(Value.format(number)) is not a finite number")
            }
            return .string(NumberText.fixed(number, decimals: Int(decimals)))
        },
        .init(
            "format", [.string, .any], .string, "'{0}', '{1}'… in the first text replaced by the other arguments",
            "format('{0}-{1}', 'a', 5) → a-5", minimumArguments: 1, variadic: true
        ) {
            var output = try textArgument($0[0])
            for (index, argument) in $0.dropFirst().enumerated() {
                guard let replacement = argument.interpolated else {
                    throw ExpressionError(.expressionType, at: 0, "format() cannot print a \(ValueType(of: argument))")
                }
                output = output.replacingOccurrences(of: "{\(index)}", with: replacement)
            }
            return .string(output)
        },
        .init("string", [.any], .string, "the value as text", "string(5) → \"5\"") {
            guard let text = $0[0].interpolated else {
                throw ExpressionError(.expressionType, at: 0, "a \(ValueType(of: $0[0])) has no text form")
            }
            return .string(text)
        },
        .init(
            "join", [.list(.any), .string], .string, "list elements joined with a separator",
            "join(matrix.tags, '-') → a-b"
        ) {
            guard case .list(let values) = $0[0] else {
                throw ExpressionError(.expressionType, at: 0, "join() needs a list")
            }
            return .string(values.compactMap(\.interpolated).joined(separator: try textArgument($0[1])))
        },
        .init("length", [.any], .number, "the length of a text or list", "length('abc') → 3") {
            switch $0[0] {
            case .string(let text): return .number(Double(text.count))
            case .list(let values): return .number(Double(values.count))
            case .object(let fields): return .number(Double(fields.count))
            default: throw ExpressionError(.expressionType, at: 0, "length() needs a text or a list")
            }
        },
        .init(
            "contains", [.any, .any], .bool, "whether a text contains a text, or a list an element",
            "contains(item.name, 'hero') → true"
        ) {
            switch $0[0] {
            case .string(let text): return .bool(text.contains(try textArgument($0[1])))
            case .list(let values): return .bool(values.contains($0[1]))
            default: throw ExpressionError(.expressionType, at: 0, "contains() needs a text or a list")
            }
        },
        .init(
            "startsWith", [.string, .string], .bool, "whether a text starts with another",
            "startsWith('img_1', 'img') → true"
        ) {
            .bool(try textArgument($0[0]).hasPrefix(try textArgument($0[1])))
        },
        .init(
            "endsWith", [.string, .string], .bool, "whether a text ends with another",
            "endsWith('a.png', '.png') → true"
        ) {
            .bool(try textArgument($0[0]).hasSuffix(try textArgument($0[1])))
        },
    ]

    init(
        _ name: String, _ parameters: [ValueType], _ result: ValueType, _ summary: String, _ example: String,
        minimumArguments: Int? = nil, variadic: Bool = false,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.minimumArguments = minimumArguments ?? parameters.count
        self.variadic = variadic
        self.result = result
        self.summary = summary
        self.example = example
        self.body = body
    }

    /// `name(a, b)` as documentation shows it.
    public var signature: String {
        let names = parameters.map(\.description)
        return "\(name)(\(names.joined(separator: ", "))\(variadic ? ", …" : ""))"
    }

    private static func textArgument(_ value: Value) throws(ExpressionError) -> String {
        guard let text = value.interpolated else {
            throw ExpressionError(.expressionType, at: 0, "expected text, got a \(ValueType(of: value))")
        }
        return text
    }

    /// The largest magnitude `pad` takes: every whole number up to it is exact in a `Double`.
    static let largestWhole: Int64 = 999_999_999_999_999

    /// A number argument rounded to a whole one, refused (not trapped on) when it is not finite
    /// or its magnitude is over `limit`; a negative count (`limit` below the largest) is refused too.
    private static func wholeArgument(
        _ value: Value, _ what: String, limit: Int64
    ) throws(ExpressionError) -> Int64 {
        let number = try numberArgument(value)
        let allowsNegative = limit == largestWhole
        guard number.isFinite, number.rounded().magnitude <= Double(limit) else {
            throw ExpressionError(
                .invalidValue, at: 0,
                "\(what) \(Value.format(number)) is out of range (\(allowsNegative ? "-\(limit)" : "0") to \(limit))")
        }
        guard allowsNegative || number.rounded() >= 0 else {
            throw ExpressionError(.invalidValue, at: 0, "\(what) \(Value.format(number)) must not be negative")
        }
        return Int64(number.rounded())
    }

    private static func numberArgument(_ value: Value) throws(ExpressionError) -> Double {
        switch value {
        case .number(let number): return number
        case .string(let text):
            if let number = Double(text) { return number }
        default: break
        }
        throw ExpressionError(.expressionType, at: 0, "expected a number, got a \(ValueType(of: value))")
    }
}
