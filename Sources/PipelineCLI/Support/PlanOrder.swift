import PipelineLanguage

/// The order the plan lists tasks in (stage by stage, each stage's tasks as its inputs and matrix
/// declare them: 480p before 1080p), for the history commands when the pipeline file is known.
/// Without it, or for tasks the plan no longer has, by stage name then task id.
struct PlanOrder {
    private let stageIndex: [String: Int]
    private let taskIndex: [String: Int]

    init(_ compilation: Compilation?) {
        let plan = compilation?.plan
        stageIndex = Dictionary(
            (plan?.stages ?? []).enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        taskIndex = Dictionary(
            (plan?.tasks ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `items` in plan order; unknown ones after the known ones, by stage and id.
    func sorted<Item>(_ items: [Item], stage: (Item) -> String, task: (Item) -> String) -> [Item] {
        items.sorted { left, right in
            let (l, r) = (taskIndex[task(left)], taskIndex[task(right)])
            switch (l, r) {
            case (let l?, let r?): return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                let (ls, rs) = (stageIndex[stage(left)] ?? Int.max, stageIndex[stage(right)] ?? Int.max)
                return (ls, stage(left), task(left)) < (rs, stage(right), task(right))
            }
        }
    }
}
