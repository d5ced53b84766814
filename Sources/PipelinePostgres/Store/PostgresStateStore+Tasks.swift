import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    static let taskUpsertSuffix = """
        ON CONFLICT (run_id, task_id) DO UPDATE SET
            stage = excluded.stage, cache_key = excluded.cache_key, status = excluded.status,
            attempts = excluded.attempts, queued_at = excluded.queued_at, started_at = excluded.started_at,
            finished_at = excluded.finished_at, credits = excluded.credits, error = excluded.error,
            detail = excluded.detail, phases = excluded.phases
        """

    package func recordTask(_ task: TaskRecord) async throws {
        try await recordTasks([task])
    }

    package func recordTasks(_ tasks: [TaskRecord]) async throws {
        guard !tasks.isEmpty else { return }
        let queries = InsertValues.batches(tasks) { [$0.runID, $0.taskID] }.map { batch in
            var values = InsertValues()
            for task in batch { values.row { task.bind(to: &$0) } }
            return values.query(
                into: table.tasks, columns: TaskRecord.postgresColumns, suffix: Self.taskUpsertSuffix)
        }
        try await execute(queries)
    }

    package func tasks(runID: String) async throws -> [TaskRecord] {
        let path = path
        return try await rows(
            """
            SELECT \(unescaped: TaskRecord.postgresColumns) FROM \(unescaped: table.tasks)
            WHERE run_id = \(runID) ORDER BY task_id
            """
        ).map { try TaskRecord(postgres: $0, path: path) }
    }

    /// Runs `queries` in one transaction.
    func execute(_ queries: [PostgresQuery]) async throws {
        guard !queries.isEmpty else { return }
        if queries.count == 1 {
            _ = try await rows(queries[0])
            return
        }
        try await transaction { connection, logger in
            for query in queries {
                try await connection.query(query, logger: logger)
            }
        }
    }
}
