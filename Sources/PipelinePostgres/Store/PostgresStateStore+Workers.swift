import Foundation
import Logging
import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func joinWorkerRun(
        _ run: RunRecord, worker: ProcessIdentity, lease: Double, at: Date
    ) async throws
        -> WorkerJoin
    {
        let table = table
        let path = path
        let now = at.timeIntervalSince1970
        let joinKey = StableKey.of("pipeline-worker-join", location.schema, run.pipeline)
        return try await transaction { connection, logger in
            // One join at a time per pipeline: two first workers must not both begin a run.
            try await connection.query("SELECT pg_advisory_xact_lock(\(joinKey))", logger: logger)
            let rows = try await connection.query(
                """
                SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs)
                WHERE outcome = 'running' AND pipeline = \(run.pipeline) ORDER BY started_at DESC, seq DESC FOR UPDATE
                """, logger: logger
            ).collect()
            var closed: [RunRecord] = []
            var joined: RunRecord?
            for row in rows {
                var candidate = try RunRecord(postgres: row, path: path)
                let live = try await Self.liveWorkers(
                    runID: candidate.id, at: at, table: table, connection: connection, logger: logger)
                if joined == nil, live > 0 {
                    joined = candidate
                } else if live == 0 {
                    try await Self.close(&candidate, at: at, table: table, connection: connection, logger: logger)
                    closed.append(candidate)
                }
            }
            let target = joined ?? run
            if joined == nil {
                var values = InsertValues()
                values.row { run.bind(to: &$0) }
                try await connection.query(
                    values.query(into: table.runs, columns: RunRecord.postgresColumns, suffix: ""), logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO \(unescaped: table.runWorkers) (run_id, host, pid, start_ticks, joined_at, lease_until, left_at)
                VALUES (\(target.id), \(worker.host), \(worker.pid), \(worker.startTicks), \(now), \(now + lease), NULL)
                ON CONFLICT (run_id, host, pid) DO UPDATE SET start_ticks = excluded.start_ticks,
                    joined_at = excluded.joined_at, lease_until = excluded.lease_until, left_at = NULL
                """, logger: logger)
            return WorkerJoin(run: target, joined: joined != nil, closed: closed)
        }
    }

    package func claimTask(
        runID: String, taskID: String, worker: ProcessIdentity, lease: Double, at: Date
    )
        async throws -> TaskClaim
    {
        let table = table
        let now = at.timeIntervalSince1970
        return try await transaction { connection, logger in
            try await connection.query(
                """
                INSERT INTO \(unescaped: table.taskClaims) (run_id, task_id, host, pid, start_ticks, epoch, lease_until)
                VALUES (\(runID), \(taskID), \(worker.host), \(worker.pid), \(worker.startTicks), 0, 0)
                ON CONFLICT (run_id, task_id) DO NOTHING
                """, logger: logger)
            // A claim another worker is deciding right now is skipped: to this worker it is held.
            let rows = try await connection.query(
                """
                SELECT host, pid, start_ticks, epoch, lease_until, final_status FROM \(unescaped: table.taskClaims)
                WHERE run_id = \(runID) AND task_id = \(taskID) FOR UPDATE SKIP LOCKED
                """, logger: logger
            ).collect()
            guard let row = rows.first else {
                return .held(by: ProcessIdentity(host: "", pid: 0, startTicks: nil), until: at)
            }
            let (host, pid, ticks, epoch, leaseUntil, final) = try row.decode(
                (String, Int32, Int64?, Int, Double, String?).self)
            let holder = ProcessIdentity(host: host, pid: pid, startTicks: ticks)
            if let status = final.flatMap(TaskStatus.init(rawValue:)) { return .finished(status) }
            if epoch > 0, holder != worker, leaseUntil > now {
                return .held(by: holder, until: Date(timeIntervalSince1970: leaseUntil))
            }
            try await connection.query(
                """
                UPDATE \(unescaped: table.taskClaims) SET host = \(worker.host), pid = \(worker.pid),
                    start_ticks = \(worker.startTicks), epoch = \(epoch + 1), lease_until = \(now + lease), final_status = NULL
                WHERE run_id = \(runID) AND task_id = \(taskID)
                """, logger: logger)
            return .claimed(TaskFence(runID: runID, taskID: taskID, worker: worker, epoch: epoch + 1))
        }
    }

    package func renewWorkerLease(
        runID: String, worker: ProcessIdentity, lease: Double, at: Date
    ) async throws
        -> Set<String>
    {
        let table = table
        let until = at.timeIntervalSince1970 + lease
        return try await transaction { connection, logger in
            try await connection.query(
                """
                UPDATE \(unescaped: table.runWorkers) SET lease_until = \(until)
                WHERE run_id = \(runID) AND host = \(worker.host) AND pid = \(worker.pid) AND left_at IS NULL
                """, logger: logger)
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: table.taskClaims) SET lease_until = \(until)
                WHERE run_id = \(runID) AND host = \(worker.host) AND pid = \(worker.pid)
                    AND start_ticks IS NOT DISTINCT FROM \(worker.startTicks) AND final_status IS NULL
                RETURNING task_id
                """, logger: logger)
            var held: Set<String> = []
            for try await taskID in rows.decode(String.self) { held.insert(taskID) }
            return held
        }
    }

    package func recordTask(_ task: TaskRecord, fence: TaskFence) async throws {
        let table = table
        let path = path
        var values = InsertValues()
        values.row { task.bind(to: &$0) }
        let upsert = values.query(into: table.tasks, columns: TaskRecord.postgresColumns, suffix: Self.taskUpsertSuffix)
        try await transaction { connection, logger in
            try await Self.checkFence(fence, table: table, path: path, connection: connection, logger: logger)
            try await connection.query(upsert, logger: logger)
            if task.status != .running {
                try await Self.finishClaim(
                    fence, status: task.status, table: table, connection: connection, logger: logger)
            }
        }
    }

    package func saveCacheEntry(_ entry: CacheEntry, fence: TaskFence) async throws {
        let table = table
        let path = path
        var values = InsertValues()
        values.row { entry.bind(to: &$0) }
        let upsert = values.query(
            into: table.cacheEntries, columns: CacheEntry.postgresColumns, suffix: Self.cacheUpsertSuffix)
        try await transaction { connection, logger in
            try await Self.checkFence(fence, table: table, path: path, connection: connection, logger: logger)
            try await connection.query(upsert, logger: logger)
            // The result is on record: the task is done, whatever happens to this worker next.
            try await Self.finishClaim(fence, status: .succeeded, table: table, connection: connection, logger: logger)
        }
    }

    package func leaveWorkerRun(
        runID: String, worker: ProcessIdentity, outcome: RunOutcome, at: Date
    ) async throws
        -> RunRecord?
    {
        let table = table
        let path = path
        let now = at.timeIntervalSince1970
        return try await transaction { connection, logger in
            try await connection.query(
                """
                UPDATE \(unescaped: table.runWorkers) SET left_at = \(now)
                WHERE run_id = \(runID) AND host = \(worker.host) AND pid = \(worker.pid)
                """, logger: logger)
            // Claims it did not finish are free at once for the others.
            try await connection.query(
                """
                UPDATE \(unescaped: table.taskClaims) SET lease_until = \(now)
                WHERE run_id = \(runID) AND host = \(worker.host) AND pid = \(worker.pid) AND final_status IS NULL
                """, logger: logger)
            guard
                try await Self.liveWorkers(runID: runID, at: at, table: table, connection: connection, logger: logger)
                    == 0
            else { return nil }
            let rows = try await connection.query(
                """
                SELECT \(unescaped: RunRecord.postgresColumns) FROM \(unescaped: table.runs)
                WHERE id = \(runID) AND outcome = 'running' FOR UPDATE
                """, logger: logger
            ).collect()
            guard let row = rows.first else { return nil }
            var run = try RunRecord(postgres: row, path: path)
            // A row a killed worker left `running` tells the truth its claim knows (it saved the
            // result and died before the row); `close` fails the rest (their worker died).
            try await connection.query(
                """
                UPDATE \(unescaped: table.tasks) t SET status = c.final_status
                FROM \(unescaped: table.taskClaims) c
                WHERE t.run_id = \(runID) AND t.status = 'running' AND c.run_id = t.run_id AND c.task_id = t.task_id
                    AND c.final_status IS NOT NULL
                """, logger: logger)
            try await Self.close(&run, at: at, table: table, connection: connection, logger: logger)
            // Closed by its last worker, not crashed: the worst of what it was told and its rows.
            let counts = try await Self.taskCounts(runID: runID, table: table, connection: connection, logger: logger)
            run.outcome = RunOutcome.worst(outcome, RunOutcome.fromTaskCounts(counts))
            let rowsCounted = counts.values.reduce(0, +) - counts[TaskStatus.cached.rawValue, default: 0]
            run.totals.tasksCached = max(run.totals.tasksCached, run.totals.tasksTotal - rowsCounted)
            try await connection.query(
                """
                UPDATE \(unescaped: table.runs) SET outcome = \(run.outcome.rawValue), tasks_cached = \(run.totals.tasksCached)
                WHERE id = \(runID)
                """, logger: logger)
            return run
        }
    }

    // MARK: - Helpers

    /// Workers of `runID` that have not left, hold a live lease at `at`, and are not known dead
    /// (one on this host whose process is gone is not waited for until its lease ends).
    static func liveWorkers(
        runID: String, at: Date, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            SELECT host, pid, start_ticks FROM \(unescaped: table.runWorkers)
            WHERE run_id = \(runID) AND left_at IS NULL AND lease_until > \(at.timeIntervalSince1970)
            """, logger: logger)
        var count = 0
        for try await (host, pid, ticks) in rows.decode((String, Int32, Int64?).self)
        where ProcessIdentity(host: host, pid: pid, startTicks: ticks).liveness != .gone {
            count += 1
        }
        return count
    }

    /// Whether `job`'s owner, as a worker of the job's run, holds a live lease; nil when it is no
    /// worker of that run.
    static func workerLeaseLive(
        _ job: PaidJob, at: Date, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws -> Bool? {
        guard let owner = job.owner else { return nil }
        let rows = try await connection.query(
            """
            SELECT lease_until, left_at FROM \(unescaped: table.runWorkers)
            WHERE run_id = \(job.runID) AND host = \(owner.host) AND pid = \(owner.pid)
            """, logger: logger
        ).collect()
        guard let row = rows.first else { return nil }
        let (leaseUntil, leftAt) = try row.decode((Double, Double?).self)
        return leftAt == nil && leaseUntil > at.timeIntervalSince1970
    }

    /// The run's task rows counted by status.
    static func taskCounts(
        runID: String, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let rows = try await connection.query(
            "SELECT status, COUNT(*)::bigint FROM \(unescaped: table.tasks) WHERE run_id = \(runID) GROUP BY status",
            logger: logger)
        for try await (status, count) in rows.decode((String, Int).self) { counts[status] = count }
        return counts
    }

    /// Refuses a write for a task whose newest claim is not `fence` (locking the claim's row).
    static func checkFence(
        _ fence: TaskFence, table: PostgresTables, path: String, connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            SELECT host, pid, start_ticks, epoch FROM \(unescaped: table.taskClaims)
            WHERE run_id = \(fence.runID) AND task_id = \(fence.taskID) FOR UPDATE
            """, logger: logger
        ).collect()
        guard let row = rows.first else { throw StateStoreError.fenced(taskID: fence.taskID, path: path) }
        let (host, pid, ticks, epoch) = try row.decode((String, Int32, Int64?, Int).self)
        guard ProcessIdentity(host: host, pid: pid, startTicks: ticks) == fence.worker, epoch == fence.epoch else {
            throw StateStoreError.fenced(taskID: fence.taskID, path: path)
        }
    }

    static func finishClaim(
        _ fence: TaskFence, status: TaskStatus, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE \(unescaped: table.taskClaims) SET final_status = \(status.rawValue)
            WHERE run_id = \(fence.runID) AND task_id = \(fence.taskID)
            """, logger: logger)
    }
}
