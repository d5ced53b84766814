/// A `with:` value as written: literals, templates, and lists or mappings of them.
public indirect enum ParameterExpression: Sendable, Hashable {
    case literal(Value, location: SourceLocation)
    /// A string containing `${{ … }}`; `column` is where its text starts on the line.
    case template(Template, location: SourceLocation, exact: Bool)
    case list([ParameterExpression], location: SourceLocation)
    case object([String: ParameterExpression], location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .literal(_, let location), .template(_, let location, _), .list(_, let location),
            .object(_, let location):
            location
        }
    }

    /// Where an expression error at `offset` within this template is on the line.
    public func location(ofOffset offset: Int) -> SourceLocation {
        if case .template(_, let location, true) = self { return location.advanced(by: offset) }
        return location
    }

    public var hasExpressions: Bool {
        switch self {
        case .literal: false
        case .template: true
        case .list(let elements, _): elements.contains(where: \.hasExpressions)
        case .object(let fields, _): fields.values.contains(where: \.hasExpressions)
        }
    }

    /// The value with every template evaluated by `evaluator`.
    public func evaluate(with evaluator: ExpressionEvaluator) throws(ExpressionError) -> Value {
        switch self {
        case .literal(let value, _): return value
        case .template(let template, _, _): return try evaluator.evaluate(template)
        case .list(let elements, _):
            var values: [Value] = []
            for element in elements { values.append(try element.evaluate(with: evaluator)) }
            return .list(values)
        case .object(let fields, _):
            var values: [String: Value] = [:]
            for (key, field) in fields { values[key] = try field.evaluate(with: evaluator) }
            return .object(values)
        }
    }
}

extension ParameterExpression {
    /// Whether any `${{ … }}` inside reads `env.*` (a value that may be a secret).
    public var readsEnvironment: Bool { reads("env") }

    /// Whether any `${{ … }}` inside reads the root value `root` (`env`, `run`…).
    public func reads(_ root: String) -> Bool {
        switch self {
        case .literal: false
        case .template(let template, _, _): template.reads(root)
        case .list(let elements, _): elements.contains { $0.reads(root) }
        case .object(let fields, _): fields.values.contains { $0.reads(root) }
        }
    }
}
