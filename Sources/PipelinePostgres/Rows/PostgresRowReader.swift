import PipelineStore
import PostgresNIO

/// Reads a row's cells by position, as the SQL's column list orders them.
struct PostgresRowReader {
    private let cells: PostgresRandomAccessRow
    let path: String

    init(_ row: PostgresRow, path: String) {
        cells = row.makeRandomAccess()
        self.path = path
    }

    subscript<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) -> T {
        get throws { try cells[index].decode(T.self) }
    }

    /// A text column decoded as an enum, failing with ``StateStoreError/invalidData(path:reason:)``.
    func decode<E: RawRepresentable>(_ index: Int, as type: E.Type, column: String) throws -> E
    where E.RawValue == String {
        let raw = try cells[index].decode(String.self)
        guard let value = E(rawValue: raw) else {
            throw StateStoreError.invalidData(path: path, reason: "unknown \(column) '\(raw)'")
        }
        return value
    }
}
