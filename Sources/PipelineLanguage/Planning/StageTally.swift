/// What a stage's tasks add up to as the planner takes them, in order: their parameter table,
/// their positions in the plan, their credits, and (for a stage a later stage iterates over)
/// what its tasks give that stage's items.
struct StageTally {
    var table: ParameterTable.Builder
    let label: StageLabel
    /// The tasks of the stages it `needs`, which every task of it waits for.
    let stageDependencies: [String]
    let onlyStageDependencies: TaskDependencies
    var indices: [Int] = []
    var credits = 0
    var unpriced = 0
    /// The other stages whose outputs its tasks name by path, in the order first met.
    var reads: [String] = []
    /// Whether a later stage's `for_each` names this stage: only then are `items` kept.
    let keepsItems: Bool
    /// Each task's item key and matrix cell, in the order of `indices`, when `keepsItems`.
    var items = UpstreamItems()

    init(table: ParameterTable.Builder, label: StageLabel, stageDependencies: [String], keepsItems: Bool) {
        self.table = table
        self.label = label
        self.stageDependencies = stageDependencies
        self.keepsItems = keepsItems
        onlyStageDependencies = TaskDependencies(stageDependencies)
    }
}
