/// A task's item or produced value as the plan keeps it: a value, or a produced item that is
/// built into one only when read. One word either way (a value is boxed, and a source's box is
/// shared by every task of its matrix), where a value in place would take three.
enum PlannedItem: Sendable {
    indirect case value(Value)
    case produced(ProducedItem)

    var value: Value {
        switch self {
        case .value(let value): value
        case .produced(let produced): produced.value
        }
    }

    /// `value[field]`, without building a produced item's whole mapping.
    subscript(field: String) -> Value? {
        switch self {
        case .value(let value): value[field]
        case .produced(let produced): produced[field]
        }
    }
}
