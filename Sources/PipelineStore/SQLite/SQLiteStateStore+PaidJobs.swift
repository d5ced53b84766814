import Foundation
import GRDB

extension SQLiteStateStore {
    public func paidJob(key: String) async throws -> PaidJob? {
        try await paidJobs(keys: [key])[key]
    }

    public func paidJobs(keys: [String]) async throws -> [String: PaidJob] {
        guard !keys.isEmpty else { return [:] }
        let path = path
        return try await read { db in
            var found: [String: PaidJob] = [:]
            for batch in KeyBatches.batches(keys) {
                let statement = try db.cachedStatement(
                    sql:
                        "SELECT \(PaidJob.columns) FROM paid_jobs WHERE key IN (\(KeyBatches.placeholders(batch.count)))"
                )
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(Array(batch)))
                while let row = try rows.next() {
                    let job = try PaidJob(row: row, path: path)
                    found[job.key] = job
                }
            }
            return found
        }
    }

    public func recordIntent(
        key: String, taskID: String, runID: String, at: Date, replacingActive: Bool
    ) async throws {
        let path = path
        try await write { db in
            if !replacingActive,
                let existing = try Row.fetchOne(
                    db, sql: "SELECT state, project_id FROM paid_jobs WHERE key = ?", arguments: [key])
            {
                let state = try StoredValues.decode(
                    PaidJob.State.self, existing[0], column: "paid job state", path: path)
                if state == .submitted || state == .complete {
                    throw StateStoreError.paidJobConflict(key: key, state: state, projectID: existing[1], path: path)
                }
            }
            let now = StoredValues.seconds(at)
            try db.cachedStatement(
                sql: """
                    INSERT INTO paid_jobs (\(PaidJob.columns)) VALUES (?, ?, ?, 'intent', NULL, 0, ?, ?, NULL, NULL)
                    ON CONFLICT(key) DO UPDATE SET
                        task_id = excluded.task_id, run_id = excluded.run_id, state = 'intent',
                        project_id = NULL, credits = 0, intent_at = excluded.intent_at,
                        updated_at = excluded.updated_at, last_status = NULL, last_error = NULL
                    """
            ).execute(arguments: [key, taskID, runID, now, now])
        }
    }

    public func recordSubmitted(key: String, projectID: String, credits: Int, at: Date) async throws {
        let path = path
        try await write { db in
            try db.cachedStatement(
                sql:
                    "UPDATE paid_jobs SET state = 'submitted', project_id = ?, credits = ?, updated_at = ? WHERE key = ?"
            ).execute(arguments: [projectID, credits, StoredValues.seconds(at), key])
            if db.changesCount == 0 {
                throw StateStoreError.notFound(what: "a paid-job intent for cache key \(key)", path: path)
            }
        }
    }

    public func updatePaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, at: Date
    ) async throws {
        let path = path
        try await write { db in
            try db.cachedStatement(
                sql: "UPDATE paid_jobs SET state = ?, last_status = ?, last_error = ?, updated_at = ? WHERE key = ?"
            ).execute(arguments: [state.rawValue, lastStatus, lastError, StoredValues.seconds(at), key])
            if db.changesCount == 0 {
                throw StateStoreError.notFound(what: "a paid job for cache key \(key)", path: path)
            }
        }
    }

    public func uncertainPaidJobs() async throws -> [PaidJob] {
        let path = path
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(PaidJob.columns) FROM paid_jobs
                    WHERE state = 'intent' AND project_id IS NULL ORDER BY intent_at, key
                    """
            ).map { try PaidJob(row: $0, path: path) }
        }
    }
}
