/// Infers the type of expressions against the static types of the root names, so that unknown
/// references and type errors are reported at validation, before any value exists.
public struct TypeChecker: Sendable {
    /// Types of the root names available where the expression appears.
    public var scope: [String: ValueType]
    /// Why a root name is missing here, for names that exist elsewhere (e.g. `item` outside `for_each`).
    public var unavailable: [String: String]
    /// Environment variables no expression may read (`env.NAME`): the API key and
    /// `settings.secrets`. With `env` in scope, `env` is read only by literal names.
    public var secrets: Set<String>

    public init(scope: [String: ValueType], unavailable: [String: String] = [:], secrets: Set<String> = []) {
        self.scope = scope
        self.unavailable = unavailable
        self.secrets = secrets
    }

    /// Refuses reading the secret `name` from `env`: an expression's value is printed by `plan`,
    /// written to the run log and the state store, and sent to the API.
    private func checkReadable(_ name: String, at offset: Int) throws(ExpressionError) {
        guard secrets.contains(name) else { return }
        let why = Settings.alwaysSecret.contains(name) ? "it is the API key" : "settings.secrets lists it"
        throw ExpressionError(
            .environment, at: offset,
            "env.\(name) is a secret (\(why)): expressions cannot read it, because their values are printed "
                + "by plan, written to the run log and sent in requests",
            hint: Settings.alwaysSecret.contains(name)
                ? "remove it: Magic Hour stages send the key themselves, only in the Authorization header"
                : "remove the expression, or take the name out of settings.secrets")
    }

    public func check(_ template: Template) throws(ExpressionError) -> ValueType {
        if let sole = template.soleExpression { return try check(sole) }
        for part in template.parts {
            guard case .expression(let expression) = part else { continue }
            let type = try check(expression)
            guard type.isInterpolatable else {
                throw ExpressionError(
                    .expressionType, at: expression.offset, "a \(type) cannot be put into text",
                    hint: "pick one field or element of it")
            }
        }
        return .string
    }

    public func check(_ expression: Expression) throws(ExpressionError) -> ValueType {
        switch expression {
        case .literal(let value, _):
            return ValueType(of: value)
        case .name(let name, let offset):
            if name == "env", scope[name] != nil {
                throw ExpressionError(
                    .environment, at: offset, "env is read one variable at a time, by name",
                    hint: "write env.NAME")
            }
            if let type = scope[name] { return type }
            if let reason = unavailable[name] {
                throw ExpressionError(.unknownReference, at: offset, "'\(name)' is not available here: \(reason)")
            }
            let known = Set(scope.keys).union(unavailable.keys)
            throw ExpressionError(
                .unknownReference, at: offset, "unknown name '\(name)'",
                hint: Suggestion.didYouMean(name, among: known) ?? "names are: "
                    + known.sorted().joined(separator: ", "))
        case .member(let base, let field, let offset):
            if case .name("env", _) = base, scope["env"] != nil {
                try checkReadable(field, at: offset)
                return .any
            }
            let type = try check(base)
            switch type {
            case .any: return .any
            case .object(let fields, let open):
                if let member = fields[field] { return member }
                if open { return .any }
                let what = base.referencePath?.joined(separator: ".") ?? "this value"
                throw ExpressionError(
                    .unknownReference, at: offset, "'\(what)' has no field '\(field)'",
                    hint: Suggestion.didYouMean(field, among: fields.keys)
                        ?? (fields.isEmpty ? nil : "fields are: " + fields.keys.sorted().joined(separator: ", ")))
            default:
                throw ExpressionError(.expressionType, at: offset, "a \(type) has no field '\(field)'")
            }
        case .index(let base, let index, let offset):
            if case .name("env", _) = base, scope["env"] != nil {
                guard case .literal(.string(let name), _) = index else {
                    throw ExpressionError(
                        .environment, at: offset, "env is read by a name written in the file, not a computed one",
                        hint: "write env.NAME or env['NAME']")
                }
                try checkReadable(name, at: offset)
                return .any
            }
            let type = try check(base)
            let indexType = try check(index)
            switch (type, indexType) {
            case (.any, _): return .any
            case (.list(let element), .number), (.list(let element), .any): return element
            case (.object, .string), (.object, .any): return .any
            default: throw ExpressionError(.expressionType, at: offset, "cannot index a \(type) with a \(indexType)")
            }
        case .call(let name, let arguments, let offset):
            guard let function = BuiltinFunction.all[name] else {
                throw ExpressionError(
                    .unknownFunction, at: offset, "unknown function '\(name)'",
                    hint: Suggestion.didYouMean(name, among: BuiltinFunction.all.keys)
                        ?? "functions are: " + BuiltinFunction.all.keys.sorted().joined(separator: ", "))
            }
            let maximum = function.variadic ? Int.max : function.parameters.count
            guard arguments.count >= function.minimumArguments, arguments.count <= maximum else {
                let expected =
                    function.variadic ? "at least \(function.minimumArguments)" : "\(function.parameters.count)"
                throw ExpressionError(
                    .expressionType, at: offset,
                    "\(name)() takes \(expected) argument\(expected == "1" ? "" : "s"), got \(arguments.count)",
                    hint: "usage: \(function.signature)")
            }
            for (position, argument) in arguments.enumerated() {
                let expected = function.parameters[min(position, function.parameters.count - 1)]
                let actual = try check(argument)
                guard Self.accepts(expected, actual) else {
                    throw ExpressionError(
                        .expressionType, at: argument.offset,
                        "argument \(position + 1) of \(name)() must be a \(expected), got a \(actual)",
                        hint: "usage: \(function.signature)")
                }
            }
            return function.result
        case .not(let operand, let offset):
            let type = try check(operand)
            guard type == .bool || type == .any else {
                throw ExpressionError(.expressionType, at: offset, "'!' needs a boolean, got a \(type)")
            }
            return .bool
        case .binary(let op, let left, let right, let offset):
            let l = try check(left)
            let r = try check(right)
            switch op {
            case .and, .or:
                for type in [l, r] where type != .bool && type != .any {
                    throw ExpressionError(.expressionType, at: offset, "'\(op.rawValue)' needs booleans, got a \(type)")
                }
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                let ordered: Set<ValueType> = [.number, .string, .any]
                guard ordered.contains(l), ordered.contains(r), l == r || l == .any || r == .any else {
                    throw ExpressionError(
                        .expressionType, at: offset, "cannot order a \(l) and a \(r) with '\(op.rawValue)'")
                }
            case .equal, .notEqual:
                break
            }
            return .bool
        }
    }

    /// Whether a value of type `actual` may be passed where `expected` is declared.
    public static func accepts(_ expected: ValueType, _ actual: ValueType) -> Bool {
        switch (expected, actual) {
        case (.any, _), (_, .any): return true
        case (.string, _): return actual.isInterpolatable
        case (.number, .number), (.bool, .bool), (.null, .null): return true
        case (.list, .list): return true
        case (.object, .object): return true
        default: return false
        }
    }
}
