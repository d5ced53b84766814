/// The declaration of one output field of a stage type (what `item.FIELD` downstream holds).
public struct OutputSpec: Sendable {
    public var name: String
    public var type: ValueType
    /// Whether the planner knows the value before running (e.g. the path a file will be written to).
    public var knownAtPlan: Bool
    public var summary: String

    public init(_ name: String, _ type: ValueType, knownAtPlan: Bool = false, _ summary: String) {
        self.name = name
        self.type = type
        self.knownAtPlan = knownAtPlan
        self.summary = summary
    }
}
