/// One task as a worker thread planned it, before it takes its place (and its position) in the
/// plan: what does not depend on the tasks before it in its own stage.
struct TaskDraft: Sendable {
    let id: String
    let matrixCell: MatrixCell
    let outputPath: String?
    let produced: ProducedItem
    /// The credits it costs; nil for paid work without a published price.
    let credits: Int?
    let keys: TaskKeys
    /// The tasks (by position in the plan) whose planned outputs it reads through a file
    /// parameter that names them by path, besides the producer of its item: it runs after them.
    let fileProducers: [Int]
}
