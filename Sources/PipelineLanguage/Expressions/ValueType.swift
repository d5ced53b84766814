/// The static type of an expression, inferred at validation so type errors are found
/// before anything runs.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case any
    case null
    case bool
    case number
    case string
    case list(ValueType)
    /// An object with known fields; `open` objects accept any other field as `any`.
    case object([String: ValueType], open: Bool)

    /// A local or remote file: an object whose text form is its `path`.
    public static let file: ValueType = .object(
        ["path": .string, "name": .string, "stem": .string, "extension": .string, "index": .number], open: false)

    public var description: String {
        switch self {
        case .any: "any"
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .list(let element): element == .any ? "list" : "list of \(element.plural)"
        case .object(let fields, _): fields["path"] != nil ? "file" : "object"
        }
    }

    /// The plural noun, for "list of files".
    public var plural: String {
        switch self {
        case .any: "values"
        case .null: "nulls"
        case .bool: "booleans"
        case .number: "numbers"
        case .string: "strings"
        case .list: "lists"
        case .object(let fields, _): fields["path"] != nil ? "files" : "objects"
        }
    }

    /// Whether a value of this type can be interpolated into a string.
    public var isInterpolatable: Bool {
        switch self {
        case .any, .null, .bool, .number, .string: true
        case .list: false
        case .object(let fields, _): fields["path"] != nil
        }
    }

    /// The type of a literal value.
    public init(of value: Value) {
        switch value {
        case .null: self = .null
        case .bool: self = .bool
        case .number: self = .number
        case .string: self = .string
        case .list(let values):
            let types = Set(values.map(ValueType.init(of:)))
            self = .list(types.count == 1 ? types.first! : .any)
        case .object(let fields): self = .object(fields.mapValues(ValueType.init(of:)), open: false)
        case .deferred: self = .any
        }
    }

    /// Merges two types seen for the same thing (e.g. list elements): equal stays, else `any`.
    public func union(_ other: ValueType) -> ValueType {
        if self == other { return self }
        if case .object(let a, let openA) = self, case .object(let b, let openB) = other {
            var merged = a
            for (key, type) in b { merged[key] = a[key].map { $0.union(type) } ?? type }
            return .object(merged, open: openA || openB)
        }
        return .any
    }
}
