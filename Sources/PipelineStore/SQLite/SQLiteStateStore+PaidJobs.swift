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

    public func claimPaidJob(
        key: String, taskID: String, runID: String, owner: ProcessIdentity, estimate: Int?, at: Date,
        replacingJobsBefore: Date?, resubmittingUncertain: Bool
    ) async throws -> PaidJobClaim {
        let path = path
        return try await write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT \(PaidJob.columns) FROM paid_jobs WHERE key = ?", arguments: [key])
            {
                let job = try PaidJob(row: row, path: path)
                let outcome = try String.fetchOne(
                    db, sql: "SELECT outcome FROM runs WHERE id = ?", arguments: [job.runID])
                if let answer = job.claimAnswer(
                    runID: runID, owner: owner, ownerRunOutcome: outcome.flatMap(RunOutcome.init(rawValue:)),
                    ownerLeaseLive: try Self.workerLeaseLive(job, at: at, db: db),
                    replacingJobsBefore: replacingJobsBefore, resubmittingUncertain: resubmittingUncertain)
                {
                    return answer
                }
            }
            let now = StoredValues.seconds(at)
            try db.cachedStatement(
                sql: """
                    INSERT INTO paid_jobs (\(PaidJob.columns))
                    VALUES (?, ?, ?, 'intent', NULL, 0, ?, ?, NULL, NULL, ?, ?, ?, ?, NULL)
                    ON CONFLICT(key) DO UPDATE SET
                        task_id = excluded.task_id, run_id = excluded.run_id, state = 'intent',
                        project_id = NULL, credits = 0, intent_at = excluded.intent_at,
                        updated_at = excluded.updated_at, last_status = NULL, last_error = NULL,
                        owner_host = excluded.owner_host, owner_pid = excluded.owner_pid,
                        owner_start_ticks = excluded.owner_start_ticks,
                        estimated_credits = excluded.estimated_credits, final_credits = NULL
                    """
            ).execute(arguments: [key, taskID, runID, now, now, owner.host, owner.pid, owner.startTicks, estimate])
            return .claimed
        }
    }

    /// Whether the job's owner, as a worker of the job's shared run, still holds a live lease on
    /// it; nil when the owner is no worker of that run.
    static func workerLeaseLive(_ job: PaidJob, at: Date, db: Database) throws -> Bool? {
        guard let owner = job.owner,
            let row = try Row.fetchOne(
                db, sql: "SELECT lease_until, left_at FROM run_workers WHERE run_id = ? AND host = ? AND pid = ?",
                arguments: [job.runID, owner.host, owner.pid])
        else { return nil }
        let leaseUntil: Double = row[0]
        let leftAt: Double? = row[1]
        return leftAt == nil && leaseUntil > StoredValues.seconds(at)
    }

    /// Claims `key` for this process, requiring the claim: a job that exists, is held by a live
    /// run or is uncertain throws ``StateStoreError/paidJobConflict(key:state:projectID:path:)``.
    /// `replacingActive` replaces submitted and complete jobs of other runs (`--force`).
    public func recordIntent(
        key: String, taskID: String, runID: String, at: Date = Date(), replacingActive: Bool = false
    ) async throws {
        let claim = try await claimPaidJob(
            key: key, taskID: taskID, runID: runID, owner: .current, estimate: nil, at: at,
            replacingJobsBefore: replacingActive ? .distantFuture : nil, resubmittingUncertain: false)
        try claim.requireClaimed(key: key, path: path)
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

    public func finishPaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, finalCredits: Int?, at: Date
    ) async throws {
        let path = path
        try await write { db in
            try db.cachedStatement(
                sql: """
                    UPDATE paid_jobs SET state = ?, last_status = ?, last_error = ?,
                        final_credits = COALESCE(?, final_credits), updated_at = ? WHERE key = ?
                    """
            ).execute(arguments: [state.rawValue, lastStatus, lastError, finalCredits, StoredValues.seconds(at), key])
            if db.changesCount == 0 {
                throw StateStoreError.notFound(what: "a paid job for cache key \(key)", path: path)
            }
        }
    }

    public func markProjectGone(projectID: String, error: String, at: Date) async throws -> [String] {
        try await write { db in
            let keys = try String.fetchAll(
                db, sql: "SELECT key FROM paid_jobs WHERE project_id = ?", arguments: [projectID])
            try db.execute(
                sql:
                    "UPDATE paid_jobs SET state = 'gone', last_status = 'not found', last_error = ?, updated_at = ? WHERE project_id = ?",
                arguments: [error, StoredValues.seconds(at), projectID])
            for key in keys {
                try db.execute(sql: "DELETE FROM cache_entries WHERE key = ?", arguments: [key])
            }
            if !keys.isEmpty { try db.execute(sql: "DELETE FROM up_to_date") }
            return keys
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
