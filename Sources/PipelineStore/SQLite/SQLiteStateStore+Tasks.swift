import GRDB

extension SQLiteStateStore {
    static let upsertTaskSQL = """
        INSERT INTO tasks (\(TaskRecord.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(run_id, task_id) DO UPDATE SET
            stage = excluded.stage, cache_key = excluded.cache_key, status = excluded.status,
            attempts = excluded.attempts, queued_at = excluded.queued_at, started_at = excluded.started_at,
            finished_at = excluded.finished_at, credits = excluded.credits, error = excluded.error,
            detail = excluded.detail, phases = excluded.phases
        """

    public func recordTask(_ task: TaskRecord) async throws {
        try await write { db in
            try db.cachedStatement(sql: Self.upsertTaskSQL).execute(arguments: task.arguments)
        }
    }

    public func recordTasks(_ tasks: [TaskRecord]) async throws {
        guard !tasks.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(sql: Self.upsertTaskSQL)
            for task in tasks {
                try statement.execute(arguments: task.arguments)
            }
        }
    }

    public func tasks(runID: String) async throws -> [TaskRecord] {
        let path = path
        return try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(TaskRecord.columns) FROM tasks WHERE run_id = ? ORDER BY task_id",
                arguments: [runID]
            ).map { try TaskRecord(row: $0, path: path) }
        }
    }
}
