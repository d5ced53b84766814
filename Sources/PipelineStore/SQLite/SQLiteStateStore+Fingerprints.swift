import GRDB

extension SQLiteStateStore {
    public func fingerprints(paths: [String]) async throws -> [String: FileFingerprint] {
        guard !paths.isEmpty else { return [:] }
        return try await read { db in
            var found: [String: FileFingerprint] = [:]
            found.reserveCapacity(paths.count)
            for batch in KeyBatches.batches(paths) {
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT \(FileFingerprint.columns) FROM file_fingerprints
                        WHERE path IN (\(KeyBatches.placeholders(batch.count)))
                        """)
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(Array(batch)))
                while let row = try rows.next() {
                    let fingerprint = FileFingerprint(row: row)
                    found[fingerprint.path] = fingerprint
                }
            }
            return found
        }
    }

    public func saveFingerprints(_ fingerprints: [FileFingerprint]) async throws {
        guard !fingerprints.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO file_fingerprints (\(FileFingerprint.columns)) VALUES (?,?,?,?,?)
                    ON CONFLICT(path) DO UPDATE SET
                        size = excluded.size, modified_ns = excluded.modified_ns,
                        inode = excluded.inode, sha256 = excluded.sha256
                    """)
            for fingerprint in fingerprints {
                try statement.execute(arguments: fingerprint.arguments)
            }
        }
    }
}
