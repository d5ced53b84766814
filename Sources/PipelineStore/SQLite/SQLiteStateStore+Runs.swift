import Foundation
import GRDB

extension SQLiteStateStore {
    public func beginRun(_ run: RunRecord) async throws {
        let path = path
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [run.id]) == true {
                throw StateStoreError.duplicate(what: "run \(run.id)", path: path)
            }
            try db.cachedStatement(sql: "INSERT INTO runs (\(RunRecord.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
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

    public func interruptRunningRuns(pipeline: String, at: Date) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: "UPDATE runs SET outcome = ?, finished_at = ? WHERE pipeline = ? AND outcome = ?",
                arguments: [
                    RunOutcome.interrupted.rawValue, StoredValues.seconds(at), pipeline, RunOutcome.running.rawValue,
                ])
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
