import Foundation
import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func beginRun(_ run: RunRecord) async throws {
        var values = InsertValues()
        values.row { run.bind(to: &$0) }
        let inserted = try await rows(
            values.query(
                into: table.runs, columns: RunRecord.postgresColumns, suffix: "ON CONFLICT (id) DO NOTHING RETURNING id"
            ))
        if inserted.isEmpty {
            throw StateStoreError.duplicate(what: "run \(run.id)", path: path)
        }
    }

    package func finishRun(id: String, outcome: RunOutcome, finishedAt: Date, totals: RunTotals) async throws {
        let updated = try await rows(
            """
            UPDATE \(unescaped: table.runs) SET outcome = \(outcome.rawValue), finished_at = \(finishedAt.timeIntervalSince1970),
                credits_spent = \(totals.creditsSpent), tasks_total = \(totals.tasksTotal),
                tasks_succeeded = \(totals.tasksSucceeded), tasks_cached = \(totals.tasksCached),
                tasks_failed = \(totals.tasksFailed), tasks_skipped = \(totals.tasksSkipped)
            WHERE id = \(id) RETURNING id
            """)
        if updated.isEmpty {
            throw StateStoreError.notFound(what: "run \(id)", path: path)
        }
    }

    package func closeAbandonedRuns(pipeline: String?, at: Date) async throws -> [RunRecord] {
        let table = table
        let path = path
        return try await transaction { connection, logger in
            let query: PostgresQuery =
                if let pipeline {
                    """
                    SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs)
                    WHERE outcome = 'running' AND pipeline = \(pipeline) ORDER BY seq FOR UPDATE
                    """
                } else {
                    """
                    SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs)
                    WHERE outcome = 'running' ORDER BY seq FOR UPDATE
                    """
                }
            var closed: [RunRecord] = []
            for row in try await connection.query(query, logger: logger).collect() {
                var run = try RunRecord(postgres: row, path: path)
                if pipeline == nil, run.process.liveness != .gone { continue }
                // A shared run lives while one of its workers does (its first worker may be gone).
                if pipeline == nil,
                    try await Self.liveWorkers(
                        runID: run.id, at: at, table: table, connection: connection, logger: logger)
                        > 0
                {
                    continue
                }
                try await Self.close(&run, at: at, table: table, connection: connection, logger: logger)
                closed.append(run)
            }
            return closed
        }
    }

    /// Closes one abandoned run as `crashed`, as ``SQLiteStateStore`` does: its running task rows
    /// failed with it, its credits are the ledger's, its counts the task rows'.
    static func close(
        _ run: inout RunRecord, at: Date, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws {
        let seconds = at.timeIntervalSince1970
        try await connection.query(
            """
            UPDATE \(unescaped: table.tasks) SET status = \(TaskStatus.failed.rawValue), finished_at = \(seconds),
                error = 'the run''s process died'
            WHERE run_id = \(run.id) AND status = \(TaskStatus.running.rawValue)
            """, logger: logger)
        var counts: [String: Int] = [:]
        let countRows = try await connection.query(
            "SELECT status, COUNT(*) FROM \(unescaped: table.tasks) WHERE run_id = \(run.id) GROUP BY status",
            logger: logger)
        for try await (status, count) in countRows.decode((String, Int).self) { counts[status] = count }
        run.outcome = .crashed
        run.finishedAt = at
        run.totals.creditsSpent = try await creditsCharged(
            runID: run.id, table: table, connection: connection, logger: logger)
        run.totals.tasksSucceeded = counts[TaskStatus.succeeded.rawValue, default: 0]
        run.totals.tasksFailed = counts[TaskStatus.failed.rawValue, default: 0]
        run.totals.tasksSkipped =
            counts[TaskStatus.skipped.rawValue, default: 0] + counts[TaskStatus.uncertain.rawValue, default: 0]
        run.totals.tasksCached = max(run.totals.tasksCached, counts[TaskStatus.cached.rawValue, default: 0])
        try await connection.query(
            """
            UPDATE \(unescaped: table.runs) SET outcome = \(run.outcome.rawValue), finished_at = \(seconds),
                credits_spent = \(run.totals.creditsSpent), tasks_succeeded = \(run.totals.tasksSucceeded),
                tasks_cached = \(run.totals.tasksCached), tasks_failed = \(run.totals.tasksFailed), tasks_skipped = \(run.totals.tasksSkipped)
            WHERE id = \(run.id)
            """, logger: logger)
    }

    package func creditsCharged(runID: String) async throws -> Int {
        let table = table
        return try await perform { client, logger in
            try await client.withConnection { connection in
                try await Self.creditsCharged(runID: runID, table: table, connection: connection, logger: logger)
            }
        }
    }

    /// What ``StateStore/creditsCharged(runID:)`` answers, on `connection` (in its transaction).
    static func creditsCharged(
        runID: String, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            SELECT COALESCE(SUM(credits), 0)::bigint FROM \(unescaped: table.paidJobs)
            WHERE run_id = \(runID) AND project_id IS NOT NULL AND state IN ('submitted', 'complete', 'canceled', 'gone')
            """, logger: logger)
        var total = 0
        for try await value in rows.decode(Int.self) { total = value }
        return total
    }

    package func pruneRuns(pipeline: String?, keep: Int) async throws -> Int {
        let keep = max(0, keep)
        let filter: PostgresQuery = pipeline.map { "WHERE pipeline = \($0)" } ?? ""
        var binds = filter.binds
        binds.append(keep)
        let sql = """
            WITH ranked AS (
                SELECT id, outcome, ROW_NUMBER() OVER (PARTITION BY pipeline ORDER BY started_at DESC, seq DESC) AS age
                FROM \(table.runs) \(filter.sql)
            ), deleted AS (
                DELETE FROM \(table.runs) WHERE id IN (SELECT id FROM ranked WHERE age > $\(binds.count) AND outcome <> 'running')
                RETURNING 1
            )
            SELECT COUNT(*) FROM deleted
            """
        let result = try await rows(PostgresQuery(unsafeSQL: sql, binds: binds))
        return try result.first.map { try $0.decode(Int.self) } ?? 0
    }

    package func runs(pipeline: String?, limit: Int) async throws -> [RunRecord] {
        let limit = max(0, limit)
        let query: PostgresQuery =
            if let pipeline {
                """
                SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs) WHERE pipeline = \(pipeline)
                ORDER BY started_at DESC, seq DESC LIMIT \(limit)
                """
            } else {
                """
                SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs)
                ORDER BY started_at DESC, seq DESC LIMIT \(limit)
                """
            }
        let path = path
        return try await rows(query).map { try RunRecord(postgres: $0, path: path) }
    }

    package func run(id: String) async throws -> RunRecord? {
        let path = path
        return try await rows(
            "SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs) WHERE id = \(id)"
        ).first.map { try RunRecord(postgres: $0, path: path) }
    }

    package func latestRun(pipeline: String) async throws -> RunRecord? {
        try await runs(pipeline: pipeline, limit: 1).first
    }
}
