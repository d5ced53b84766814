import GRDB

extension FileFingerprint {
    static let columns = "path, size, modified_ns, inode, sha256"

    init(row: Row) {
        self.init(
            path: row[0],
            size: row[1],
            modifiedNanoseconds: row[2],
            inode: UInt64(bitPattern: row[3] as Int64),
            sha256: row[4])
    }

    /// SQLite integers are signed: the inode is stored by bit pattern.
    var arguments: StatementArguments {
        [path, size, modifiedNanoseconds, Int64(bitPattern: inode), sha256]
    }
}
