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

    var workCount: Int { sources.count * cells.count }
}
