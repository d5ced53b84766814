/// Evaluates expressions and templates against concrete values.
///
/// A deferred operand (an upstream output known only at run time) makes the whole result
/// deferred; the engine evaluates the same template again once the value exists.
public struct ExpressionEvaluator: Sendable {
    /// Values of the root names (`inputs`, `item`, `matrix`, `env`, `run`, `stages`).
    public var scope: [String: Value]
    /// `item` when the planner has it as an upstream task's produced item (and `scope` has no
    /// `item`): fields are read from it without building the whole mapping.
    var producedItem: ProducedItem?

    public init(scope: [String: Value]) {
        self.scope = scope
    }

    public func evaluate(_ template: Template) throws(ExpressionError) -> Value {
        if let sole = template.soleExpression { return try evaluate(sole) }
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let literal):
                text += literal
            case .expression(let expression):
                let value = try evaluate(expression)
                if case .deferred = value { return value }
                guard let piece = value.interpolated else {
                    throw ExpressionError(
                        .expressionType, at: expression.offset,
                        "a \(ValueType(of: value)) cannot be put into text", hint: "pick one field or element of it")
                }
                text += piece
            }
        }
        return .string(text)
    }

    public func evaluate(_ expression: Expression) throws(ExpressionError) -> Value {
        switch expression {
        case .literal(let value, _):
            return value
        case .name(let name, let offset):
            if let producedItem, name == "item" { return producedItem.value }
            guard let value = scope[name] else {
                throw ExpressionError(
                    .unknownReference, at: offset, "unknown name '\(name)'",
                    hint: Suggestion.didYouMean(
                        name, among: producedItem == nil ? Array(scope.keys) : scope.keys + ["item"]))
            }
            return value
        case .member(let base, let field, let offset):
            if let producedItem, case .name("item", _) = base, let member = producedItem[field] { return member }
            let value = try evaluate(base)
            switch value {
            case .deferred: return value
            case .object(let fields):
                guard let member = fields[field] else {
                    if case .name("env", _) = base {
                        throw ExpressionError(
                            .environment, at: offset, "the environment variable '\(field)' is not set",
                            hint: "export it, or put it in the file named by settings.env_file")
                    }
                    throw ExpressionError(
                        .unknownReference, at: offset, "'\(field)' is not a field here",
                        hint: Suggestion.didYouMean(field, among: fields.keys))
                }
                return member
            default:
                throw ExpressionError(.expressionType, at: offset, "a \(ValueType(of: value)) has no field '\(field)'")
            }
        case .index(let base, let indexExpression, let offset):
            let value = try evaluate(base)
            let index = try evaluate(indexExpression)
            if case .deferred = value { return value }
            if case .deferred = index { return index }
            switch (value, index) {
            case (.list(let values), .number(let number)):
                // Checked as a Double first: converting 1e20 or NaN to Int would trap.
                guard number.rounded() == number, number >= 0, number < Double(values.count) else {
                    throw ExpressionError(
                        .invalidValue, at: offset,
                        "index \(Value.format(number)) is outside the list of \(values.count)",
                        hint: values.isEmpty ? nil : "indexes are whole numbers from 0 to \(values.count - 1)")
                }
                return values[Int(number)]
            case (.object(let fields), .string(let key)):
                guard let member = fields[key] else {
                    throw ExpressionError(.unknownReference, at: offset, "'\(key)' is not a field here")
                }
                return member
            default:
                throw ExpressionError(
                    .expressionType, at: offset, "cannot index a \(ValueType(of: value)) with a \(ValueType(of: index))"
                )
            }
        case .call(let name, let argumentExpressions, let offset):
            guard let function = BuiltinFunction.all[name] else {
                throw ExpressionError(.unknownFunction, at: offset, "unknown function '\(name)'")
            }
            var arguments: [Value] = []
            for argument in argumentExpressions {
                let value = try evaluate(argument)
                if case .deferred = value { return value }
                arguments.append(value)
            }
            do {
                return try function.body(arguments)
            } catch let error as ExpressionError {
                throw ExpressionError(error.code, at: offset, "\(name)(): \(error.message)", hint: error.hint)
            } catch {
                throw ExpressionError(.invalidValue, at: offset, "\(name)(): \(error)")
            }
        case .not(let operand, let offset):
            let value = try evaluate(operand)
            if case .deferred = value { return value }
            guard case .bool(let flag) = value else {
                throw ExpressionError(.expressionType, at: offset, "'!' needs a boolean, got a \(ValueType(of: value))")
            }
            return .bool(!flag)
        case .binary(let op, let leftExpression, let rightExpression, let offset):
            let left = try evaluate(leftExpression)
            if case .deferred = left { return left }
            if op == .and || op == .or {
                guard case .bool(let l) = left else {
                    throw ExpressionError(
                        .expressionType, at: offset, "'\(op.rawValue)' needs booleans, got a \(ValueType(of: left))")
                }
                if op == .and, !l { return .bool(false) }
                if op == .or, l { return .bool(true) }
                let right = try evaluate(rightExpression)
                if case .deferred = right { return right }
                guard case .bool(let r) = right else {
                    throw ExpressionError(
                        .expressionType, at: offset, "'\(op.rawValue)' needs booleans, got a \(ValueType(of: right))")
                }
                return .bool(r)
            }
            let right = try evaluate(rightExpression)
            if case .deferred = right { return right }
            return try compare(op, left, right, offset: offset)
        }
    }

    private func compare(
        _ op: BinaryOperator, _ left: Value, _ right: Value, offset: Int
    ) throws(ExpressionError) -> Value {
        switch op {
        case .equal: return .bool(Self.loosely(left) == Self.loosely(right))
        case .notEqual: return .bool(Self.loosely(left) != Self.loosely(right))
        default: break
        }
        let ordering: Bool
        switch (Self.loosely(left), Self.loosely(right)) {
        case (.number(let l), .number(let r)):
            ordering = op == .less ? l < r : op == .lessOrEqual ? l <= r : op == .greater ? l > r : l >= r
        case (.string(let l), .string(let r)):
            ordering = op == .less ? l < r : op == .lessOrEqual ? l <= r : op == .greater ? l > r : l >= r
        default:
            throw ExpressionError(
                .expressionType, at: offset,
                "cannot order a \(ValueType(of: left)) and a \(ValueType(of: right)) with '\(op.rawValue)'")
        }
        return .bool(ordering)
    }

    /// Files compare by their path, so `item == 'a.png'` reads naturally.
    private static func loosely(_ value: Value) -> Value {
        if case .object(let fields) = value, let path = fields["path"] { return path }
        return value
    }
}
