/// One entry of `inputs:`.
public struct InputDefinition: Sendable, Hashable {
    public var name: String
    public var source: InputSource
    public var location: SourceLocation
    /// With a glob: what matching no file means.
    public var ifEmpty: EmptyInputPolicy = .warn
}

/// Where an input's items come from.
public enum InputSource: Sendable, Hashable {
    /// Files matching a glob (relative to the pipeline file's folder), minus `exclude` patterns.
    case glob(pattern: String, exclude: [String], location: SourceLocation)
    /// Named files, each must exist.
    case files([(path: String, location: SourceLocation)])
    /// Plain values (strings, numbers, objects).
    case values([Value])

    public static func == (lhs: InputSource, rhs: InputSource) -> Bool {
        switch (lhs, rhs) {
        case (.glob(let a, let b, let c), .glob(let x, let y, let z)): a == x && b == y && c == z
        case (.files(let a), .files(let b)): a.map(\.path) == b.map(\.path) && a.map(\.location) == b.map(\.location)
        case (.values(let a), .values(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .glob(let pattern, let exclude, _): hasher.combine(pattern); hasher.combine(exclude)
        case .files(let files): hasher.combine(files.map(\.path))
        case .values(let values): hasher.combine(values)
        }
    }

    /// Whether the items are files (objects with `path`, `name`, `stem`, `extension`).
    public var yieldsFiles: Bool {
        if case .values = self { return false }
        return true
    }
}
