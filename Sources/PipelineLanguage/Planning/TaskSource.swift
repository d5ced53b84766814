/// What one item of a stage's `for_each` gives each of its tasks: the item, the task that made
/// it (for `stages.NAME`), the matrix cell it carries, and the key and stem its tasks are named by.
struct TaskSource: Sendable {
    var key: String
    var item: PlannedItem?
    /// The upstream task whose output the item is, by its position in the plan.
    var producer: Int?
    var matrix: MatrixCell
    var stem: String
}
