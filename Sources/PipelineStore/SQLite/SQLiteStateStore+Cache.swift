import GRDB

extension SQLiteStateStore {
    public func cacheEntries(keys: [String]) async throws -> [String: [CacheEntry]] {
        guard !keys.isEmpty else { return [:] }
        let path = path
        return try await read { db in
            var found: [String: [CacheEntry]] = [:]
            for batch in KeyBatches.batches(keys) {
                let statement = try db.cachedStatement(
                    sql:
                        "SELECT \(CacheEntry.columns) FROM cache_entries WHERE key IN (\(KeyBatches.placeholders(batch.count)))"
                )
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(Array(batch)))
                while let row = try rows.next() {
                    let entry = try CacheEntry(row: row, path: path)
                    found[entry.key, default: []].append(entry)
                }
            }
            return found
        }
    }

    static let upsertCacheEntrySQL = """
        INSERT INTO cache_entries (\(CacheEntry.columns)) VALUES (?,?,?,?,?,?,?,?,?)
        ON CONFLICT(key, location) DO UPDATE SET
            stage = excluded.stage, task_id = excluded.task_id, stage_type = excluded.stage_type,
            outputs_json = excluded.outputs_json, files_json = excluded.files_json,
            run_id = excluded.run_id, created_at = excluded.created_at
        """

    public func saveCacheEntry(_ entry: CacheEntry) async throws {
        try await saveCacheEntries([entry])
    }

    public func saveCacheEntries(_ entries: [CacheEntry]) async throws {
        guard !entries.isEmpty else { return }
        let arguments = entries.map(\.arguments)
        try await write { db in
            let statement = try db.cachedStatement(sql: Self.upsertCacheEntrySQL)
            for entryArguments in arguments {
                try statement.execute(arguments: entryArguments)
            }
        }
    }

    public func forgetCacheEntries(stage: String?, keys: [String]?) async throws -> Int {
        if let keys, keys.isEmpty { return 0 }
        return try await write { db in
            try db.execute(sql: "DELETE FROM up_to_date")
            guard let keys else {
                if let stage {
                    try db.execute(sql: "DELETE FROM cache_entries WHERE stage = ?", arguments: [stage])
                } else {
                    try db.execute(sql: "DELETE FROM cache_entries")
                }
                return db.changesCount
            }
            var deleted = 0
            for batch in KeyBatches.batches(keys) {
                var sql = "DELETE FROM cache_entries WHERE key IN (\(KeyBatches.placeholders(batch.count)))"
                var arguments = StatementArguments(Array(batch))
                if let stage {
                    sql += " AND stage = ?"
                    arguments += [stage]
                }
                try db.execute(sql: sql, arguments: arguments)
                deleted += db.changesCount
            }
            return deleted
        }
    }

    public func allCacheEntries() async throws -> [CacheEntry] {
        let path = path
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(CacheEntry.columns) FROM cache_entries ORDER BY key, location")
                .map { try CacheEntry(row: $0, path: path) }
        }
    }
}
