/// A field's value in a request, by stage parameter name: what the rules and prices read.
public enum EndpointValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case bool(Bool)

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var number: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The value as a rate key or message shows it (`2`, not `2.0`).
    public var display: String {
        switch self {
        case .text(let text): text
        case .number(let number): SecondsFormat.format(number)
        case .bool(let on): on ? "true" : "false"
        }
    }
}
