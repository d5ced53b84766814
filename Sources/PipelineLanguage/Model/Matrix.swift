/// `matrix:` — axes whose cartesian product fans a task out, with `include` and `exclude`.
public struct Matrix: Sendable, Hashable {
    public struct Axis: Sendable, Hashable {
        public var name: String
        public var values: [Value]
        public var location: SourceLocation
        /// Where each value is written, in the order of `values` (empty when not known).
        public var valueLocations: [SourceLocation] = []

        /// Where `value` is written in this axis, when known.
        public func location(of value: Value) -> SourceLocation? {
            guard let index = values.firstIndex(of: value), index < valueLocations.count else { return nil }
            return valueLocations[index]
        }
    }

    public var axes: [Axis]
    /// Extra combinations, or extra keys for matching combinations (GitHub Actions semantics).
    public var include: [[String: Value]]
    /// Partial combinations to remove.
    public var exclude: [[String: Value]]
    public var location: SourceLocation

    /// Every combination after `exclude` and `include`, in a stable order.
    public var combinations: [[String: Value]] {
        var combinations: [[String: Value]] = [[:]]
        for axis in axes {
            combinations = combinations.flatMap { partial in
                axis.values.map { value in partial.merging([axis.name: value]) { _, new in new } }
            }
        }
        if axes.isEmpty { combinations = [] }
        combinations.removeAll { combination in
            exclude.contains { rule in rule.allSatisfy { combination[$0.key] == $0.value } }
        }
        // An include entry extends every combination whose original axis values it does not
        // contradict; an entry that extends none becomes a combination of its own.
        let axisNames = Set(axes.map(\.name))
        let originals = combinations
        for entry in include {
            var matched = false
            for index in originals.indices {
                let contradicts = entry.contains { key, value in
                    axisNames.contains(key) && originals[index][key] != value
                }
                if !contradicts {
                    combinations[index].merge(entry) { _, new in new }
                    matched = true
                }
            }
            if !matched { combinations.append(entry) }
        }
        return combinations
    }

    /// An upper bound of `combinations.count`, found without building them: the product of the
    /// axes' sizes plus the `include` entries (saturating at `Int.max` instead of overflowing).
    public var combinationBound: Int {
        var product = axes.isEmpty ? 0 : 1
        for axis in axes {
            let (result, overflow) = product.multipliedReportingOverflow(by: axis.values.count)
            product = overflow ? Int.max : result
        }
        let (sum, overflow) = product.addingReportingOverflow(include.count)
        return overflow ? Int.max : sum
    }

    /// All axis names, including keys only `include` introduces.
    public var keys: [String] {
        var names = axes.map(\.name)
        for entry in include {
            for key in entry.keys.sorted() where !names.contains(key) { names.append(key) }
        }
        return names
    }
}
