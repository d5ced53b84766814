import Foundation
import GRDB

extension SQLiteStateStore {
    public func joinWorkerRun(
        _ run: RunRecord, worker: ProcessIdentity, lease: Double, at: Date
    ) async throws
        -> WorkerJoin
    {
        let path = path
        let now = StoredValues.seconds(at)
        return try await write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RunRecord.columns) FROM runs WHERE outcome = 'running' AND pipeline = ?
                    ORDER BY started_at DESC, rowid DESC
                    """, arguments: [run.pipeline])
            var closed: [RunRecord] = []
            var joined: RunRecord?
            for row in rows {
                let candidate = try RunRecord(row: row, path: path)
                let live = try Self.liveWorkers(runID: candidate.id, now: now, db: db)
                if joined == nil, live > 0 {
                    joined = candidate
                } else if live == 0 {
                    closed.append(try Self.closeAsCrashed(candidate, at: at, db: db))
                }
            }
            let target = joined ?? run
            if joined == nil {
                try db.cachedStatement(
                    sql: "INSERT INTO runs (\(RunRecord.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                ).execute(arguments: run.arguments)
            }
            try db.execute(
                sql: """
                    INSERT INTO run_workers (run_id, host, pid, start_ticks, joined_at, lease_until, left_at)
                    VALUES (?, ?, ?, ?, ?, ?, NULL)
                    ON CONFLICT(run_id, host, pid) DO UPDATE SET
                        start_ticks = excluded.start_ticks, joined_at = excluded.joined_at,
                        lease_until = excluded.lease_until, left_at = NULL
                    """,
                arguments: [target.id, worker.host, worker.pid, worker.startTicks, now, now + lease])
            return WorkerJoin(run: target, joined: joined != nil, closed: closed)
        }
    }

    public func claimTask(
        runID: String, taskID: String, worker: ProcessIdentity, lease: Double, at: Date
    )
        async throws -> TaskClaim
    {
        let now = StoredValues.seconds(at)
        return try await write { db in
            var epoch = 1
            if let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT host, pid, start_ticks, epoch, lease_until, final_status FROM task_claims WHERE run_id = ? AND task_id = ?",
                arguments: [runID, taskID])
            {
                let holder = ProcessIdentity(host: row[0], pid: row[1], startTicks: row[2])
                let leaseUntil: Double = row[4]
                if let status = (row[5] as String?).flatMap(TaskStatus.init(rawValue:)) {
                    return .finished(status)
                }
                if holder != worker, leaseUntil > now {
                    return .held(by: holder, until: StoredValues.date(leaseUntil))
                }
                epoch = (row[3] as Int) + 1
            }
            try db.execute(
                sql: """
                    INSERT INTO task_claims (run_id, task_id, host, pid, start_ticks, epoch, lease_until, final_status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                    ON CONFLICT(run_id, task_id) DO UPDATE SET
                        host = excluded.host, pid = excluded.pid, start_ticks = excluded.start_ticks,
                        epoch = excluded.epoch, lease_until = excluded.lease_until, final_status = NULL
                    """,
                arguments: [runID, taskID, worker.host, worker.pid, worker.startTicks, epoch, now + lease])
            return .claimed(TaskFence(runID: runID, taskID: taskID, worker: worker, epoch: epoch))
        }
    }

    public func renewWorkerLease(
        runID: String, worker: ProcessIdentity, lease: Double, at: Date
    ) async throws
        -> Set<String>
    {
        let now = StoredValues.seconds(at)
        return try await write { db in
            try db.execute(
                sql:
                    "UPDATE run_workers SET lease_until = ? WHERE run_id = ? AND host = ? AND pid = ? AND left_at IS NULL",
                arguments: [now + lease, runID, worker.host, worker.pid])
            try db.execute(
                sql: """
                    UPDATE task_claims SET lease_until = ?
                    WHERE run_id = ? AND host = ? AND pid = ? AND start_ticks IS ? AND final_status IS NULL
                    """,
                arguments: [now + lease, runID, worker.host, worker.pid, worker.startTicks])
            return Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT task_id FROM task_claims
                        WHERE run_id = ? AND host = ? AND pid = ? AND start_ticks IS ? AND final_status IS NULL
                        """,
                    arguments: [runID, worker.host, worker.pid, worker.startTicks]))
        }
    }

    public func recordTask(_ task: TaskRecord, fence: TaskFence) async throws {
        let path = path
        try await write { db in
            try Self.checkFence(fence, path: path, db: db)
            try db.cachedStatement(sql: Self.upsertTaskSQL).execute(arguments: task.arguments)
            if task.status != .running {
                try db.execute(
                    sql: "UPDATE task_claims SET final_status = ? WHERE run_id = ? AND task_id = ?",
                    arguments: [task.status.rawValue, fence.runID, fence.taskID])
            }
        }
    }

    public func saveCacheEntry(_ entry: CacheEntry, fence: TaskFence) async throws {
        let path = path
        let arguments = entry.arguments
        try await write { db in
            try Self.checkFence(fence, path: path, db: db)
            try db.cachedStatement(sql: Self.upsertCacheEntrySQL).execute(arguments: arguments)
            // The result is on record: the task is done, whatever happens to this worker next.
            try db.execute(
                sql: "UPDATE task_claims SET final_status = ? WHERE run_id = ? AND task_id = ?",
                arguments: [TaskStatus.succeeded.rawValue, fence.runID, fence.taskID])
        }
    }

    public func leaveWorkerRun(
        runID: String, worker: ProcessIdentity, outcome: RunOutcome, at: Date
    ) async throws
        -> RunRecord?
    {
        let path = path
        let now = StoredValues.seconds(at)
        return try await write { db in
            try db.execute(
                sql: "UPDATE run_workers SET left_at = ? WHERE run_id = ? AND host = ? AND pid = ?",
                arguments: [now, runID, worker.host, worker.pid])
            // Claims it did not finish are free at once for the others.
            try db.execute(
                sql: """
                    UPDATE task_claims SET lease_until = ?
                    WHERE run_id = ? AND host = ? AND pid = ? AND final_status IS NULL
                    """,
                arguments: [now, runID, worker.host, worker.pid])
            guard try Self.liveWorkers(runID: runID, now: now, db: db) == 0,
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(RunRecord.columns) FROM runs WHERE id = ? AND outcome = 'running'",
                    arguments: [runID])
            else { return nil }
            var run = try RunRecord(row: row, path: path)
            // A row a killed worker left `running` tells the truth its claim knows (it saved the
            // result and died before the row), else that its worker died.
            try db.execute(
                sql: """
                    UPDATE tasks SET status = (
                        SELECT final_status FROM task_claims c WHERE c.run_id = tasks.run_id AND c.task_id = tasks.task_id)
                    WHERE run_id = ? AND status = 'running' AND EXISTS (
                        SELECT 1 FROM task_claims c
                        WHERE c.run_id = tasks.run_id AND c.task_id = tasks.task_id AND c.final_status IS NOT NULL)
                    """, arguments: [runID])
            try db.execute(
                sql: "UPDATE tasks SET status = 'failed', error = ? WHERE run_id = ? AND status = 'running'",
                arguments: ["its worker died", runID])
            let counts = try Self.taskCounts(runID: runID, db: db)
            run.finishedAt = at
            run.outcome = RunOutcome.worst(outcome, RunOutcome.fromTaskCounts(counts))
            try Self.writeTotals(of: &run, counts: counts, countingMissingRowsAsCached: true, db: db)
            return run
        }
    }

    /// The workers of a run that have not left, hold a live lease, and are not known dead (one
    /// on this host whose process is gone, SIGKILLed say, is not waited for until its lease ends).
    static func liveWorkers(runID: String, now: Double, db: Database) throws -> Int {
        try Row.fetchAll(
            db,
            sql:
                "SELECT host, pid, start_ticks FROM run_workers WHERE run_id = ? AND left_at IS NULL AND lease_until > ?",
            arguments: [runID, now]
        ).count { ProcessIdentity(host: $0[0], pid: $0[1], startTicks: $0[2]).liveness != .gone }
    }

    /// Refuses a write for a task whose newest claim is not `fence`.
    static func checkFence(_ fence: TaskFence, path: String, db: Database) throws {
        let row = try Row.fetchOne(
            db, sql: "SELECT host, pid, start_ticks, epoch FROM task_claims WHERE run_id = ? AND task_id = ?",
            arguments: [fence.runID, fence.taskID])
        guard let row, ProcessIdentity(host: row[0], pid: row[1], startTicks: row[2]) == fence.worker,
            (row[3] as Int) == fence.epoch
        else {
            throw StateStoreError.fenced(taskID: fence.taskID, path: path)
        }
    }

    /// Closes a run whose process (and workers) died, as `crashed`.
    static func closeAsCrashed(_ run: RunRecord, at: Date, db: Database) throws -> RunRecord {
        var run = run
        // Its running task rows ended with it.
        try db.execute(
            sql: "UPDATE tasks SET status = ?, finished_at = ?, error = ? WHERE run_id = ? AND status = ?",
            arguments: [
                TaskStatus.failed.rawValue, StoredValues.seconds(at), "the run's process died", run.id,
                TaskStatus.running.rawValue,
            ])
        run.outcome = .crashed
        run.finishedAt = at
        try writeTotals(
            of: &run, counts: try taskCounts(runID: run.id, db: db), countingMissingRowsAsCached: false, db: db)
        return run
    }

    /// Sets a closing run's totals from its task rows and the ledger, and writes them with its
    /// outcome and end. A run that finished every task counts those without a row as cached
    /// (`countingMissingRowsAsCached`); a crashed one may simply not have reached them.
    static func writeTotals(
        of run: inout RunRecord, counts: [String: Int], countingMissingRowsAsCached: Bool, db: Database
    ) throws {
        run.totals.creditsSpent = try creditsCharged(runID: run.id, db: db)
        run.totals.tasksSucceeded = counts[TaskStatus.succeeded.rawValue, default: 0]
        run.totals.tasksFailed = counts[TaskStatus.failed.rawValue, default: 0]
        run.totals.tasksSkipped =
            counts[TaskStatus.skipped.rawValue, default: 0] + counts[TaskStatus.uncertain.rawValue, default: 0]
        run.totals.tasksCached = max(run.totals.tasksCached, counts[TaskStatus.cached.rawValue, default: 0])
        if countingMissingRowsAsCached {
            let rows = counts.values.reduce(0, +) - counts[TaskStatus.cached.rawValue, default: 0]
            run.totals.tasksCached = max(run.totals.tasksCached, run.totals.tasksTotal - rows)
        }
        try db.execute(
            sql: """
                UPDATE runs SET outcome = ?, finished_at = ?, credits_spent = ?, tasks_succeeded = ?,
                    tasks_cached = ?, tasks_failed = ?, tasks_skipped = ?
                WHERE id = ?
                """,
            arguments: [
                run.outcome.rawValue, run.finishedAt.map(StoredValues.seconds), run.totals.creditsSpent,
                run.totals.tasksSucceeded,
                run.totals.tasksCached, run.totals.tasksFailed, run.totals.tasksSkipped, run.id,
            ])
    }
}
