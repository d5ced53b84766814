import PipelineStore
import PostgresNIO

extension FileFingerprint {
    static let postgresColumns = "path, size, modified_ns, inode, sha256"

    init(postgres row: PostgresRow, path: String) throws {
        let r = PostgresRowReader(row, path: path)
        self.init(
            path: try r[0], size: try r[1], modifiedNanoseconds: try r[2],
            inode: UInt64(bitPattern: try r[3, as: Int64.self]), sha256: try r[4])
    }

    /// `bigint` is signed: the inode is stored by bit pattern, as in the SQLite store.
    func bind(to row: inout InsertValues.Row) {
        row.bind(path)
        row.bind(size)
        row.bind(modifiedNanoseconds)
        row.bind(Int64(bitPattern: inode))
        row.bind(sha256)
    }
}
