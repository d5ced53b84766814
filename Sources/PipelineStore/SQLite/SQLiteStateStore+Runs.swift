import Foundation
import GRDB

extension SQLiteStateStore {
    public func beginRun(_ run: RunRecord) async throws {
        let path = path
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [run.id]) == true {
                throw StateStoreError.duplicate(what: "run \(run.id)", path: path)
            }
            try db.cachedStatement(
                sql: "INSERT INTO runs (\(RunRecord.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            )
            .execute(arguments: run.arguments)
        }
    }

    public func finishRun(id: String, outcome: RunOutcome, finishedAt: Date, totals: RunTotals) async throws {
        let path = path
        try await write { db in
            try db.cachedStatement(
                sql: """
                    UPDATE runs SET outcome = ?, finished_at = ?, credits_spent = ?, tasks_total = ?,
                        tasks_succeeded = ?, tasks_cached = ?, tasks_failed = ?, tasks_skipped = ?
                    WHERE id = ?
                    """
            ).execute(arguments: [
                outcome.rawValue, StoredValues.seconds(finishedAt), totals.creditsSpent, totals.tasksTotal,
                totals.tasksSucceeded, totals.tasksCached, totals.tasksFailed, totals.tasksSkipped, id,
            ])
            if db.changesCount == 0 {
                throw StateStoreError.notFound(what: "run \(id)", path: path)
            }
        }
    }

    public func closeAbandonedRuns(pipeline: String?, at: Date) async throws -> [RunRecord] {
        let path = path
        return try await write { db in
            var rows: [Row]
            if let pipeline {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(RunRecord.columns) FROM runs WHERE outcome = 'running' AND pipeline = ?",
                    arguments: [pipeline])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT \(RunRecord.columns) FROM runs WHERE outcome = 'running'")
            }
            var closed: [RunRecord] = []
            for row in rows {
                let run = try RunRecord(row: row, path: path)
                if pipeline == nil, run.process.liveness != .gone { continue }
                // A shared run lives while one of its workers does (its first worker may be gone).
                if pipeline == nil, try Self.liveWorkers(runID: run.id, now: StoredValues.seconds(at), db: db) > 0 {
                    continue
                }
                closed.append(try Self.closeAsCrashed(run, at: at, db: db))
            }
            return closed
        }
    }

    public func creditsCharged(runID: String) async throws -> Int {
        try await read { db in try Self.creditsCharged(runID: runID, db: db) }
    }

    static func creditsCharged(runID: String, db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(credits), 0) FROM paid_jobs
                WHERE run_id = ? AND project_id IS NOT NULL AND state IN ('submitted', 'complete', 'canceled', 'gone')
                """,
            arguments: [runID]) ?? 0
    }

    /// The run's task rows counted by status.
    static func taskCounts(runID: String, db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT status, COUNT(*) FROM tasks WHERE run_id = ? GROUP BY status", arguments: [runID])
        {
            counts[row[0]] = row[1]
        }
        return counts
    }

    public func pruneRuns(pipeline: String?, keep: Int) async throws -> Int {
        let keep = max(0, keep)
        return try await write { db in
            var arguments: StatementArguments = [keep]
            if let pipeline { arguments = [pipeline, keep] }
            try db.execute(
                sql: """
                    DELETE FROM runs WHERE id IN (
                        SELECT id FROM (
                            SELECT id, outcome, ROW_NUMBER() OVER (
                                PARTITION BY pipeline ORDER BY started_at DESC, rowid DESC) AS age
                            FROM runs WHERE 1 = 1 \(pipeline == nil ? "" : "AND pipeline = ?")
                        ) WHERE age > ? AND outcome != 'running'
                    )
                    """, arguments: arguments)
            return db.changesCount
        }
    }

    public func runs(pipeline: String?, limit: Int) async throws -> [RunRecord] {
        let path = path
        return try await read { db in
            let rows: [Row]
            if let pipeline {
                rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT \(RunRecord.columns) FROM runs WHERE pipeline = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                    arguments: [pipeline, max(0, limit)])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(RunRecord.columns) FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?",
                    arguments: [max(0, limit)])
            }
            return try rows.map { try RunRecord(row: $0, path: path) }
        }
    }

    public func run(id: String) async throws -> RunRecord? {
        let path = path
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT \(RunRecord.columns) FROM runs WHERE id = ?", arguments: [id])
                .map { try RunRecord(row: $0, path: path) }
        }
    }

    public func latestRun(pipeline: String) async throws -> RunRecord? {
        try await runs(pipeline: pipeline, limit: 1).first
    }
}
