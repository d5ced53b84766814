/// The lengths (`end_seconds`) a model renders.
public enum DurationRule: Sendable, Hashable {
    /// Whole seconds in any of these ranges (a single value is a one-second range).
    case wholeSeconds([ClosedRange<Int>])
    /// Any number of seconds in the range, fractions included.
    case anySeconds(ClosedRange<Double>)

    /// Whole seconds from `low` to `high`, then each of `extra`.
    public static func from(_ low: Int, to high: Int, and extra: [Int] = []) -> DurationRule {
        .wholeSeconds([low...high] + extra.map { $0...$0 })
    }

    /// Exactly these whole seconds.
    public static func only(_ values: [Int]) -> DurationRule {
        .wholeSeconds(values.map { $0...$0 })
    }

    public func accepts(_ seconds: Double) -> Bool {
        guard seconds.isFinite else { return false }
        switch self {
        case .anySeconds(let range):
            return range.contains(seconds)
        case .wholeSeconds(let ranges):
            guard seconds.rounded() == seconds, abs(seconds) < 1e9 else { return false }
            let whole = Int(seconds)
            return ranges.contains { $0.contains(whole) }
        }
    }

    /// The shortest length the rule accepts.
    public var minimum: Double {
        switch self {
        case .anySeconds(let range): range.lowerBound
        case .wholeSeconds(let ranges): Double(ranges.map(\.lowerBound).min() ?? 0)
        }
    }

    /// The longest length the rule accepts.
    public var maximum: Double {
        switch self {
        case .anySeconds(let range): range.upperBound
        case .wholeSeconds(let ranges): Double(ranges.map(\.upperBound).max() ?? 0)
        }
    }

    /// Every accepted whole second, when the rule is a finite list (not for `anySeconds`).
    public var wholeValues: [Int]? {
        guard case .wholeSeconds(let ranges) = self else { return nil }
        return Array(Set(ranges.flatMap { Array($0) })).sorted()
    }

    /// `3–15`, `5, 10`, `1–10, 15, 20, 25, 30`, `any 5–60` (seconds, without the unit).
    public var text: String {
        switch self {
        case .anySeconds(let range):
            return "any \(SecondsFormat.format(range.lowerBound))–\(SecondsFormat.format(range.upperBound))"
        case .wholeSeconds:
            let values = wholeValues ?? []
            var parts: [String] = []
            var index = 0
            while index < values.count {
                var end = index
                while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
                // Runs of three or more read as a range; shorter ones as a list.
                if end - index >= 2 {
                    parts.append("\(values[index])–\(values[end])")
                } else {
                    parts.append(contentsOf: values[index...end].map(String.init))
                }
                index = end + 1
            }
            return parts.joined(separator: ", ")
        }
    }
}
