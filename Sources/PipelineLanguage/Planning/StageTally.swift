/// What a stage's tasks add up to as the planner takes them, in order: their parameter table,
/// their positions in the plan, their credits.
struct StageTally {
    var table: ParameterTable.Builder
    let label: StageLabel
    /// The tasks of the stages it `needs`, which every task of it waits for.
    let stageDependencies: [String]
    let onlyStageDependencies: TaskDependencies
    var indices: [Int] = []
    var credits = 0
    var unpriced = 0

    init(table: ParameterTable.Builder, label: StageLabel, stageDependencies: [String]) {
        self.table = table
        self.label = label
        self.stageDependencies = stageDependencies
        onlyStageDependencies = TaskDependencies(stageDependencies)
    }
}
