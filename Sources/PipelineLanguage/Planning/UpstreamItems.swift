/// What the tasks of a stage give the items of a later stage that iterates over it: each task's
/// item key and matrix cell, in the order of the stage's tasks. Kept only while a stage still to
/// plan iterates over it.
struct UpstreamItems {
    var keys: [String] = []
    var cells: [MatrixCell] = []

    mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        cells.reserveCapacity(count)
    }

    mutating func append(key: String, cell: MatrixCell) {
        keys.append(key)
        cells.append(cell)
    }
}
