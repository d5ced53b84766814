import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func fingerprints(paths: [String]) async throws -> [String: FileFingerprint] {
        guard !paths.isEmpty else { return [:] }
        let path = path
        var found: [String: FileFingerprint] = [:]
        found.reserveCapacity(paths.count)
        for row in try await rows(
            """
            SELECT \(unescaped: FileFingerprint.postgresColumns) FROM \(unescaped: table.fingerprints)
            WHERE path = ANY(\(Array(Set(paths))))
            """)
        {
            let fingerprint = try FileFingerprint(postgres: row, path: path)
            found[fingerprint.path] = fingerprint
        }
        return found
    }

    package func saveFingerprints(_ fingerprints: [FileFingerprint]) async throws {
        guard !fingerprints.isEmpty else { return }
        let queries = InsertValues.batches(fingerprints, key: \.path).map { batch in
            var values = InsertValues()
            for fingerprint in batch { values.row { fingerprint.bind(to: &$0) } }
            return values.query(
                into: table.fingerprints, columns: FileFingerprint.postgresColumns,
                suffix: """
                    ON CONFLICT (path) DO UPDATE SET
                        size = excluded.size, modified_ns = excluded.modified_ns,
                        inode = excluded.inode, sha256 = excluded.sha256
                    """)
        }
        try await execute(queries)
    }
}
