/// The evaluated parameters of the tasks of one stage, as one table: the names once, each value
/// every task has alike once, and one row per task of the values that differ. A million tasks
/// hold a row of one to three values each instead of a mapping each (about 350 bytes a task).
///
/// Built once per stage by ``Builder`` and never changed after: tasks read it through
/// ``TaskParameters``.
final class ParameterTable: Sendable {
    /// The columns, in the stage type's declaration order.
    let names: [String]
    /// For each column, its place in a row, or `nil` when every task shares `shared[column]`.
    private let slots: [Int?]
    /// For each column, the value every task has (`nil` for the columns rows hold, and for a value
    /// no task has).
    private let shared: [Value?]
    /// The rows one after another, `width` values each.
    private let cells: [Value?]
    private let width: Int

    /// A table without columns: the parameters of a task that has none.
    static let empty = ParameterTable(names: [], slots: [], shared: [], cells: [], width: 0)

    private init(names: [String], slots: [Int?], shared: [Value?], cells: [Value?], width: Int) {
        self.names = names
        self.slots = slots
        self.shared = shared
        self.cells = cells
        self.width = width
    }

    /// A table of one row holding `values`.
    convenience init(_ values: [String: Value]) {
        let names = Array(values.keys)
        self.init(
            names: names, slots: names.indices.map { $0 }, shared: Array(repeating: nil, count: names.count),
            cells: names.map { values[$0] }, width: names.count)
    }

    /// The column of `name`, if the table has one.
    func column(named name: String) -> Int? {
        names.firstIndex(of: name)
    }

    /// The value in `column` of `row`.
    func value(row: Int, column: Int) -> Value? {
        if let slot = slots[column] { return cells[row &* width &+ slot] }
        return shared[column]
    }

    /// Builds a stage's table a task at a time.
    struct Builder {
        private let names: [String]
        /// For each column, its place in a row, or `nil` when every task has the same value in it.
        private let slots: [Int?]
        private var shared: [Value?]
        private var cells: [Value?] = []
        private let width: Int
        private(set) var rows = 0

        /// - Parameters:
        ///   - names: the columns.
        ///   - isShared: for each column, whether every task has the same value in it.
        ///   - rows: how many rows to make room for.
        init(names: [String], isShared: [Bool], rows: Int) {
            self.names = names
            var slots: [Int?] = []
            var width = 0
            for shared in isShared {
                slots.append(shared ? nil : width)
                if !shared { width += 1 }
            }
            self.slots = slots
            self.width = width
            shared = Array(repeating: nil, count: names.count)
            cells.reserveCapacity(rows * width)
        }

        /// Adds a task's values (one per column) and returns its row. The shared columns are taken
        /// from the first row.
        @discardableResult
        mutating func append(_ values: [Value?]) -> Int { append(values[...]) }

        /// Adds a task's values (one per column, from `values.startIndex` on) and returns its row.
        @discardableResult
        mutating func append(_ values: ArraySlice<Value?>) -> Int {
            let start = values.startIndex
            if rows == 0 {
                for column in names.indices where slots[column] == nil { shared[column] = values[start + column] }
            }
            for column in names.indices where slots[column] != nil { cells.append(values[start + column]) }
            rows += 1
            return rows - 1
        }

        func build() -> ParameterTable {
            ParameterTable(names: names, slots: slots, shared: shared, cells: cells, width: width)
        }
    }
}
