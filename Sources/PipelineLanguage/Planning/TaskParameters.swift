/// A task's parameters after evaluation (`.deferred` where an upstream output is needed first),
/// read by name. The tasks of a stage share one ``ParameterTable``: a task holds the table and
/// its row, 16 bytes.
public struct TaskParameters: Sendable, Equatable, CustomStringConvertible {
    private let table: ParameterTable
    private let row: Int

    init(table: ParameterTable, row: Int) {
        self.table = table
        self.row = row
    }

    /// The parameters `values` holds.
    public init(_ values: [String: Value]) {
        self.init(table: values.isEmpty ? .empty : ParameterTable(values), row: 0)
    }

    /// No parameters (a task's, until its stage's table is made).
    static let none = TaskParameters(table: .empty, row: 0)

    /// The value of the parameter `name`, if it has one.
    public subscript(name: String) -> Value? {
        guard let column = table.column(named: name) else { return nil }
        return table.value(row: row, column: column)
    }

    /// Every parameter with a value, by name.
    public var dictionary: [String: Value] {
        var values = [String: Value](minimumCapacity: table.names.count)
        for (column, name) in table.names.enumerated() {
            if let value = table.value(row: row, column: column) { values[name] = value }
        }
        return values
    }

    /// Whether a value is known only when the task runs (it needs an upstream output).
    public var hasDeferred: Bool {
        table.names.indices.contains { table.value(row: row, column: $0)?.isDeferred == true }
    }

    public var description: String { dictionary.description }

    public static func == (lhs: TaskParameters, rhs: TaskParameters) -> Bool {
        (lhs.table === rhs.table && lhs.row == rhs.row) || lhs.dictionary == rhs.dictionary
    }
}
