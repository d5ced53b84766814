/// The guard against a plan too large to build (`settings.max_tasks`): a stage's task count is
/// the product of its items and the sizes of its matrix axes, multiplied without overflow and
/// checked before any task or matrix cell is allocated.
struct TaskCountLimit {
    let limit: Int
    /// Tasks admitted so far, all stages together (saturating).
    private(set) var total = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// `a × b`, or `Int.max` when it would overflow.
    static func product(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : result
    }

    /// `a + b`, or `Int.max` when it would overflow.
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }

    /// Counts `stage`'s tasks (`items` of what it iterates over, times its matrix cells); a message
    /// saying why, when the stage or the plan so far would go over the limit. `exact` is false
    /// when `if:` may leave tasks out, so the count is an upper bound.
    mutating func admit(_ stage: Stage, items: Int, exact: Bool) -> String? {
        let cells = stage.matrix?.combinationBound ?? 1
        let count = Self.product(items, cells)
        let before = total
        total = Self.sum(total, count)
        guard total > limit else { return nil }
        let howMany = exact ? "" : "up to "
        let over = "over settings.max_tasks (\(NumberText.grouped(limit)))"
        if count > limit || before == 0 {
            return "stage '\(stage.name)' would have \(howMany)\(NumberText.grouped(count)) tasks "
                + "(\(Self.factors(stage, items: items))), \(over)"
        }
        return "with stage '\(stage.name)' (\(NumberText.grouped(count)) tasks: \(Self.factors(stage, items: items))), "
            + "the plan would have \(howMany)\(NumberText.grouped(total)) tasks, \(over)"
    }

    /// `10 items of inputs.photos × resolution: 3 × seconds: 2`, cut short after a few factors.
    private static func factors(_ stage: Stage, items: Int) -> String {
        var factors: [String] = []
        switch stage.forEach {
        case nil: break
        case .input(let name, _): factors.append("\(NumberText.grouped(items)) items of inputs.\(name)")
        case .stage(let name, _): factors.append("\(NumberText.grouped(items)) tasks of stages.\(name)")
        case .glob: factors.append("\(NumberText.grouped(items)) files")
        case .list: factors.append("\(NumberText.grouped(items)) list items")
        }
        let axes = stage.matrix?.axes ?? []
        for axis in axes { factors.append("\(axis.name): \(NumberText.grouped(axis.values.count))") }
        let shown = 6
        var text = factors.prefix(shown).joined(separator: " × ")
        if factors.count > shown { text += " × … (\(factors.count) factors)" }
        if let include = stage.matrix?.include, !include.isEmpty {
            text += " + \(include.count) include entr\(include.count == 1 ? "y" : "ies")"
        }
        return text.isEmpty ? "one task" : text
    }
}
