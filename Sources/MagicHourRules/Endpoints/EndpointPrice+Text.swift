extension EndpointPrice {
    /// The price in words, for the plan's notes and the docs: `48 credits per second`,
    /// `by mode: lite 1, standard 1, pro 2 credits per frame`.
    public var text: String {
        switch self {
        case .videoModel:
            return "per second by model and resolution (`pipeline models`)"
        case .unpublished:
            return "unpriced (no published price)"
        case .table(let unit, let rateBy, let defaults, let rates):
            let per = Self.perText(unit)
            if rateBy.isEmpty, let rate = rates[""] {
                return rate == 0 ? "free" : "\(SecondsFormat.format(rate)) credit\(rate == 1 ? "" : "s")\(per)"
            }
            let shown = rates.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value }
                .map { "\($0.key) \(SecondsFormat.format($0.value))" }.joined(separator: ", ")
            let fallback =
                defaults.isEmpty
                ? ""
                : " (default "
                    + defaults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            return "by \(rateBy.joined(separator: " and ")): \(shown) credits\(per)\(fallback); other values unpriced"
        }
    }

    private static func perText(_ unit: Unit) -> String {
        switch unit {
        case .job: ""
        case .image(let count): " per image × `\(count)`"
        case .second: " per second"
        case .frame: " per frame (seconds × the input's frame rate, 24 when unknown)"
        case .character(let parameter): " per character of `\(parameter)`, rounded up"
        }
    }
}
