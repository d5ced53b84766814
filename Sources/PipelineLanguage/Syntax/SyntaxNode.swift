/// A YAML node with its source location: the syntax tree every later phase reads.
///
/// Converted from Yams' `Node` (which is not `Sendable`) once, right after parsing.
public struct SyntaxNode: Sendable, Hashable {
    /// What a scalar resolves to under YAML's core schema.
    public enum ScalarKind: Sendable, Hashable {
        case string
        case integer
        case float
        case boolean
        case null
    }

    /// A scalar's text, how it was written, and what it resolves to.
    public struct Scalar: Sendable, Hashable {
        public var text: String
        public var kind: ScalarKind
        /// Quoted scalars start one column after their node location.
        public var isQuoted: Bool
        /// Plain or quoted on one line: expression columns can be computed exactly.
        public var isInline: Bool
    }

    /// One `key: value` pair of a mapping.
    public struct Pair: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SyntaxNode
    }

    public indirect enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([SyntaxNode])
    }

    public var location: SourceLocation
    public var content: Content

    public init(location: SourceLocation, content: Content) {
        self.location = location
        self.content = content
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var pairs: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var elements: [SyntaxNode]? {
        if case .sequence(let elements) = content { return elements }
        return nil
    }

    /// The value for `key` in a mapping.
    public subscript(key: String) -> SyntaxNode? {
        pairs?.first { $0.key == key }?.value
    }

    /// A short name of the node's shape for "expected X, found Y" messages.
    public var kindDescription: String {
        switch content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: "a string"
            case .integer: "an integer"
            case .float: "a number"
            case .boolean: "a boolean"
            case .null: "nothing (null)"
            }
        }
    }
}
