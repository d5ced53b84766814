import PostgresNIO

/// A multi-row `VALUES ($1, $2), ($3, $4)…` list with its bindings, for batched upserts.
struct InsertValues {
    private(set) var sql = ""
    private(set) var bindings = PostgresBindings()
    private var rows = 0

    /// Rows per statement: well under PostgreSQL's 65,535 bound parameters for every table.
    static let rowsPerStatement = 1_000

    /// Appends one row; `add` binds its values in column order.
    mutating func row(_ add: (inout Row) -> Void) {
        var row = Row(bindings: bindings)
        add(&row)
        let first = bindings.count + 1
        bindings = row.bindings
        let placeholders = (first...bindings.count).map { "$\($0)" }.joined(separator: ", ")
        sql += (rows == 0 ? "" : ", ") + "(" + placeholders + ")"
        rows += 1
    }

    /// The values of one row.
    struct Row {
        fileprivate(set) var bindings: PostgresBindings

        mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T) { bindings.append(value) }
        mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T?) { bindings.append(value) }
    }

    /// `INSERT INTO table (columns) VALUES … suffix` for the rows so far.
    func query(into table: String, columns: String, suffix: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columns)) VALUES \(sql) \(suffix)", binds: bindings)
    }

    /// `items` in batches of ``rowsPerStatement``, later duplicates (by `key`) replacing earlier
    /// ones in place of a second row (one upsert cannot touch a row twice).
    static func batches<Item, Key: Hashable>(_ items: [Item], key: (Item) -> Key) -> [ArraySlice<Item>] {
        var lastIndex: [Key: Int] = [:]
        for (index, item) in items.enumerated() { lastIndex[key(item)] = index }
        let unique = items.enumerated().filter { lastIndex[key($0.element)] == $0.offset }.map(\.element)
        return stride(from: 0, to: unique.count, by: rowsPerStatement).map {
            unique[$0..<min($0 + rowsPerStatement, unique.count)]
        }
    }
}
