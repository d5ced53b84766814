import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    static let cacheUpsertSuffix = """
        ON CONFLICT (key, location) DO UPDATE SET
            stage = excluded.stage, task_id = excluded.task_id, stage_type = excluded.stage_type,
            outputs_json = excluded.outputs_json, files_json = excluded.files_json,
            run_id = excluded.run_id, created_at = excluded.created_at
        """

    package func cacheEntries(keys: [String]) async throws -> [String: [CacheEntry]] {
        guard !keys.isEmpty else { return [:] }
        let path = path
        var found: [String: [CacheEntry]] = [:]
        for row in try await rows(
            """
            SELECT \(unescaped: CacheEntry.postgresColumns) FROM \(unescaped: table.cacheEntries)
            WHERE key = ANY(\(Array(Set(keys))))
            """)
        {
            let entry = try CacheEntry(postgres: row, path: path)
            found[entry.key, default: []].append(entry)
        }
        return found
    }

    package func saveCacheEntry(_ entry: CacheEntry) async throws {
        try await saveCacheEntries([entry])
    }

    package func saveCacheEntries(_ entries: [CacheEntry]) async throws {
        guard !entries.isEmpty else { return }
        let queries = InsertValues.batches(entries) { [$0.key, $0.location] }.map { batch in
            var values = InsertValues()
            for entry in batch { values.row { entry.bind(to: &$0) } }
            return values.query(
                into: table.cacheEntries, columns: CacheEntry.postgresColumns,
                suffix: Self.cacheUpsertSuffix)
        }
        try await execute(queries)
    }

    package func forgetCacheEntries(stage: String?, keys: [String]?) async throws -> Int {
        if let keys, keys.isEmpty { return 0 }
        var binds = PostgresBindings()
        var conditions: [String] = []
        if let keys {
            binds.append(Array(Set(keys)))
            conditions.append("key = ANY($\(binds.count))")
        }
        if let stage {
            binds.append(stage)
            conditions.append("stage = $\(binds.count)")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let result = try await rows(
            PostgresQuery(
                unsafeSQL: """
                    WITH deleted AS (DELETE FROM \(table.cacheEntries) \(filter) RETURNING 1),
                        vouched AS (DELETE FROM \(table.upToDate) RETURNING 1)
                    SELECT COUNT(*) FROM deleted
                    """, binds: binds))
        return try result.first.map { try $0.decode(Int.self) } ?? 0
    }

    package func allCacheEntries() async throws -> [CacheEntry] {
        let path = path
        return try await rows(
            "SELECT \(unescaped: CacheEntry.postgresColumns) FROM \(unescaped: table.cacheEntries) ORDER BY key, location"
        ).map { try CacheEntry(postgres: $0, path: path) }
    }
}
