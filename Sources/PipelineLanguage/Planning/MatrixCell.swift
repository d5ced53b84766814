/// A task's matrix values with what task ids and file names need of them, worked out once per
/// distinct cell and shared by every task in it.
final class MatrixCell: Sendable {
    let values: [String: Value]
    /// The values sorted by axis name.
    let sorted: [(key: String, value: Value)]
    /// `{axis=value,…}` as task ids end, or empty without a matrix.
    let idSuffix: String

    static let empty = MatrixCell([:])

    init(_ values: [String: Value]) {
        self.values = values
        sorted = values.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        idSuffix =
            sorted.isEmpty ? "" : "{" + sorted.map { "\($0.key)=\($0.value.display)" }.joined(separator: ",") + "}"
    }

    /// The cell of a task: its item's upstream cell extended by its stage's own (shared when one is empty).
    func extended(by cell: MatrixCell) -> MatrixCell {
        if cell.values.isEmpty { return self }
        if values.isEmpty { return cell }
        return MatrixCell(values.merging(cell.values) { _, new in new })
    }
}
