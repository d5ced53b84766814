/// What every task of one stage is drafted from: the stage as prepared, its items and matrix
/// cells, and the expression scope before `item` and `matrix` are set.
///
/// A stage's work is numbered item by item, cell by cell: work `n` is item `n / cells.count` in
/// its cell `n % cells.count`.
struct StageDraftContext {
    let prepared: PreparedStage
    let sources: [TaskSource]
    let cells: [MatrixCell]
    let evaluator: ExpressionEvaluator
    /// Whether the stage's tasks write files known at plan time, which a later task of the same
    /// stage could name as a file to read: those drafts are checked again as they are taken.
    let writesPlannedFiles: Bool

    var workCount: Int { sources.count * cells.count }
}
