import Foundation

/// The declaration of one `with:` parameter of a stage type.
public struct ParameterSpec: Sendable {
    /// The kinds of value a parameter takes.
    public enum Kind: Sendable, Hashable {
        case string
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case boolean
        case enumeration([String])
        /// A local file (relative to the pipeline file's folder) or, when `allowsURL`, an http(s) URL.
        case file(allowsURL: Bool)
        /// A path relative to `settings.output_dir` that must stay inside it.
        case outputPath
    }

    public var name: String
    public var kind: Kind
    public var isRequired: Bool
    /// Used when the parameter is not given; may be a template such as `${{ item.path }}`.
    public var defaultValue: String?
    /// Whether the value changes the task's result (and so its cache key).
    public var affectsResult: Bool
    public var summary: String

    public init(
        _ name: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil,
        affectsResult: Bool = true, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.defaultValue = defaultValue
        self.affectsResult = affectsResult
        self.summary = summary
    }

    /// The static type the type checker expects for this parameter.
    public var valueType: ValueType {
        switch kind {
        case .string, .enumeration, .outputPath: .string
        case .integer, .number: .number
        case .boolean: .bool
        case .file: .string
        }
    }

    /// A short description of the accepted values, for messages and docs.
    public var kindDescription: String {
        switch kind {
        case .string: "text"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number(let range):
            "a number from \(Value.format(range.lowerBound)) to \(Value.format(range.upperBound))"
        case .boolean: "true or false"
        case .enumeration(let values): Self.choices(values)
        case .file(let allowsURL): allowsURL ? "a file path or an http(s) URL" : "a file path"
        case .outputPath: "a path inside settings.output_dir"
        }
    }

    /// Checks a concrete value against the declared kind; returns the normalised value or a message.
    public func check(_ value: Value) -> Result<Value, ParameterProblem> {
        switch (kind, value) {
        case (.string, _), (.outputPath, _), (.file, _):
            guard let text = value.interpolated, !(value.isObjectWithoutPath) else {
                return .failure(.init("'\(name)' must be \(kindDescription), got a \(ValueType(of: value))"))
            }
            if case .file = kind, text.isEmpty { return .failure(.init("'\(name)' must not be empty")) }
            if case .outputPath = kind, text.isEmpty { return .failure(.init("'\(name)' must not be empty")) }
            return .success(.string(text))
        case (.integer(let range), .number(let number)):
            guard number.rounded() == number else {
                return .failure(.init("'\(name)' must be a whole number, got \(Value.format(number))"))
            }
            guard number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
                return .failure(
                    .init(
                        "'\(name)' must be from \(range.lowerBound) to \(range.upperBound), got \(Value.format(number))",
                        code: .parameterOutOfRange))
            }
            return .success(value)
        case (.number(let range), .number(let number)):
            guard range.contains(number) else {
                return .failure(
                    .init(
                        "'\(name)' must be from \(Value.format(range.lowerBound)) to \(Value.format(range.upperBound)), got \(Value.format(number))",
                        code: .parameterOutOfRange))
            }
            return .success(value)
        case (.integer, .string(let text)), (.number, .string(let text)):
            guard let number = Double(Self.trimmingWhitespace(text)) else {
                return .failure(.init("'\(name)' must be \(kindDescription), got '\(text)'"))
            }
            return check(.number(number))
        case (.boolean, .bool):
            return .success(value)
        case (.boolean, .string(let text)) where text == "true" || text == "false":
            return .success(.bool(text == "true"))
        case (.enumeration(let allowed), _):
            guard let text = value.interpolated, allowed.contains(text) else {
                let shown = value.interpolated.map { "'\($0)'" } ?? "a \(ValueType(of: value))"
                return .failure(
                    .init(
                        "'\(name)' must be \(Self.choices(allowed)), got \(shown)",
                        hint: value.interpolated.flatMap { Suggestion.didYouMean($0, among: allowed) }))
            }
            return .success(.string(text))
        default:
            return .failure(.init("'\(name)' must be \(kindDescription), got a \(ValueType(of: value))"))
        }
    }
}

extension ParameterSpec {
    /// `text` without the whitespace around it (`CharacterSet.whitespaces`), without a trip
    /// through Foundation when its ends are ASCII other than a space or a tab (the only ASCII
    /// characters of that set), as they are for nearly every number a template gives.
    static func trimmingWhitespace(_ text: String) -> String {
        let isPlainEnd = { (byte: UInt8) in byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") }
        if let first = text.utf8.first, let last = text.utf8.last, isPlainEnd(first), isPlainEnd(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `one of a, b, c`; a long list (the 492 voices) by its size, its first values and where the
    /// rest are listed.
    static func choices(_ values: [String]) -> String {
        guard values.count > 24 else { return "one of " + values.joined(separator: ", ") }
        return "one of \(values.count) values (\(values.prefix(5).joined(separator: ", "))…; every one in "
            + "`pipeline schema`)"
    }
}

/// Why a parameter value was refused.
public struct ParameterProblem: Error, Sendable, Hashable {
    public var message: String
    public var hint: String?
    public var code: DiagnosticCode
    /// A warning does not stop the pipeline (e.g. an unpinned model).
    public var severity: Diagnostic.Severity

    public init(
        _ message: String, hint: String? = nil, code: DiagnosticCode = .invalidValue,
        severity: Diagnostic.Severity = .error
    ) {
        self.message = message
        self.hint = hint
        self.code = code
        self.severity = severity
    }
}

extension Value {
    fileprivate var isObjectWithoutPath: Bool {
        if case .object(let fields) = self { return fields["path"] == nil }
        return false
    }
}
