/// A parsed `${{ … }}` expression. `offset` is the column offset of the node within its scalar.
public indirect enum Expression: Sendable, Hashable {
    case literal(Value, offset: Int)
    /// A top-level name: `inputs`, `item`, `matrix`, `env`, `run`, `stages`.
    case name(String, offset: Int)
    /// `base.field`
    case member(Expression, String, offset: Int)
    /// `base[index]`
    case index(Expression, Expression, offset: Int)
    /// `function(arguments…)`
    case call(String, [Expression], offset: Int)
    case not(Expression, offset: Int)
    case binary(BinaryOperator, Expression, Expression, offset: Int)

    public var offset: Int {
        switch self {
        case .literal(_, let offset), .name(_, let offset), .member(_, _, let offset),
            .index(_, _, let offset), .call(_, _, let offset), .not(_, let offset),
            .binary(_, _, _, let offset):
            offset
        }
    }

    /// The dotted path of a plain reference (`item.path` → ["item", "path"]), if it is one.
    public var referencePath: [String]? {
        switch self {
        case .name(let name, _): [name]
        case .member(let base, let field, _): base.referencePath.map { $0 + [field] }
        default: nil
        }
    }
}

/// Operators of the expression language, by precedence from loosest.
public enum BinaryOperator: String, Sendable, Hashable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

extension Expression {
    /// Whether the expression reads `env.*` anywhere: its value may be a secret and is never quoted
    /// in a diagnostic.
    public var readsEnvironment: Bool { reads("env") }

    /// Whether the expression reads the root value `root` (`env`, `run`, `item`…) anywhere.
    public func reads(_ root: String) -> Bool {
        switch self {
        case .literal: false
        case .name(let name, _): name == root
        case .member(let base, _, _), .not(let base, _): base.reads(root)
        case .index(let base, let index, _): base.reads(root) || index.reads(root)
        case .call(_, let arguments, _): arguments.contains { $0.reads(root) }
        case .binary(_, let left, let right, _): left.reads(root) || right.reads(root)
        }
    }
}
