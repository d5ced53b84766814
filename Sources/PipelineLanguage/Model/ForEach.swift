/// `for_each:` — what a stage iterates over, one task per item.
public enum ForEach: Sendable, Hashable {
    /// `${{ inputs.NAME }}`
    case input(String, location: SourceLocation)
    /// `${{ stages.NAME }}` — linked task to task with the upstream stage.
    case stage(String, location: SourceLocation)
    /// `{ glob: "pattern" }`
    case glob(String, location: SourceLocation)
    /// A literal YAML list.
    case list([Value], location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .input(_, let location), .stage(_, let location), .glob(_, let location), .list(_, let location):
            location
        }
    }
}
