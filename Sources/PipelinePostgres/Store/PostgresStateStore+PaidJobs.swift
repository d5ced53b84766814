import Foundation
import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func paidJob(key: String) async throws -> PaidJob? {
        try await paidJobs(keys: [key])[key]
    }

    package func paidJobs(keys: [String]) async throws -> [String: PaidJob] {
        guard !keys.isEmpty else { return [:] }
        let path = path
        var found: [String: PaidJob] = [:]
        for row in try await rows(
            """
            SELECT \(unescaped: PaidJob.postgresColumns) FROM \(unescaped: table.paidJobs)
            WHERE key = ANY(\(Array(Set(keys))))
            """)
        {
            let job = try PaidJob(postgres: row, path: path)
            found[job.key] = job
        }
        return found
    }

    /// A key without a row is claimed by one statement: `INSERT … ON CONFLICT DO NOTHING` (which
    /// waits for a concurrent inserter of the same key and then yields to it). A key with a row
    /// is decided in one transaction that locks the row (`FOR UPDATE`), reads its owner's run,
    /// and takes it anew only where ``PaidJob`` says so.
    package func claimPaidJob(
        key: String, taskID: String, runID: String, owner: ProcessIdentity, estimate: Int?, at: Date,
        replacingJobsBefore: Date?, resubmittingUncertain: Bool
    ) async throws -> PaidJobClaim {
        let table = table
        let path = path
        let now = at.timeIntervalSince1970
        let inserted = try await rows(
            """
            INSERT INTO \(unescaped: table.paidJobs) (\(unescaped: PaidJob.postgresColumns))
            VALUES (\(key), \(taskID), \(runID), 'intent', NULL, 0, \(now), \(now), NULL, NULL,
                \(owner.host), \(owner.pid), \(owner.startTicks), \(estimate), NULL)
            ON CONFLICT (key) DO NOTHING RETURNING key
            """)
        if !inserted.isEmpty { return .claimed }
        return try await transaction { connection, logger in
            let existing = try await connection.query(
                """
                SELECT \(unescaped: PaidJob.postgresColumns), (SELECT outcome FROM \(unescaped: table.runs) r WHERE r.id = j.run_id)
                FROM \(unescaped: table.paidJobs) j WHERE key = \(key) FOR UPDATE OF j
                """, logger: logger
            ).collect()
            guard let row = existing.first else {
                throw StateStoreError.server(path: path, sqlState: "", reason: "the claimed row vanished; retry")
            }
            let job = try PaidJob(postgres: row, path: path)
            let outcome = try PostgresRowReader(row, path: path)[15, as: String?.self]
            let leaseLive = try await Self.workerLeaseLive(
                job, at: at, table: table, connection: connection, logger: logger)
            if let answer = job.claimAnswer(
                runID: runID, owner: owner, ownerRunOutcome: outcome.flatMap(RunOutcome.init(rawValue:)),
                ownerLeaseLive: leaseLive,
                replacingJobsBefore: replacingJobsBefore, resubmittingUncertain: resubmittingUncertain)
            {
                return answer
            }
            try await connection.query(
                """
                UPDATE \(unescaped: table.paidJobs) SET task_id = \(taskID), run_id = \(runID), state = 'intent',
                    project_id = NULL, credits = 0, intent_at = \(now), updated_at = \(now), last_status = NULL,
                    last_error = NULL, owner_host = \(owner.host), owner_pid = \(owner.pid),
                    owner_start_ticks = \(owner.startTicks), estimated_credits = \(estimate), final_credits = NULL
                WHERE key = \(key)
                """, logger: logger)
            return .claimed
        }
    }

    package func recordSubmitted(key: String, projectID: String, credits: Int, at: Date) async throws {
        let updated = try await rows(
            """
            UPDATE \(unescaped: table.paidJobs) SET state = 'submitted', project_id = \(projectID), credits = \(credits),
                updated_at = \(at.timeIntervalSince1970)
            WHERE key = \(key) RETURNING key
            """)
        if updated.isEmpty {
            throw StateStoreError.notFound(what: "a paid-job intent for cache key \(key)", path: path)
        }
    }

    package func finishPaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, finalCredits: Int?, at: Date
    ) async throws {
        let updated = try await rows(
            """
            UPDATE \(unescaped: table.paidJobs) SET state = \(state.rawValue), last_status = \(lastStatus),
                last_error = \(lastError), final_credits = COALESCE(\(finalCredits), final_credits),
                updated_at = \(at.timeIntervalSince1970)
            WHERE key = \(key) RETURNING key
            """)
        if updated.isEmpty {
            throw StateStoreError.notFound(what: "a paid job for cache key \(key)", path: path)
        }
    }

    package func markProjectGone(projectID: String, error: String, at: Date) async throws -> [String] {
        let table = table
        return try await transaction { connection, logger in
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: table.paidJobs) SET state = 'gone', last_status = 'not found', last_error = \(error),
                    updated_at = \(at.timeIntervalSince1970)
                WHERE project_id = \(projectID) RETURNING key
                """, logger: logger)
            var keys: [String] = []
            for try await key in rows.decode(String.self) { keys.append(key) }
            if !keys.isEmpty {
                try await connection.query(
                    "DELETE FROM \(unescaped: table.cacheEntries) WHERE key = ANY(\(keys))", logger: logger)
                try await connection.query("DELETE FROM \(unescaped: table.upToDate)", logger: logger)
            }
            return keys.sorted()
        }
    }

    package func uncertainPaidJobs() async throws -> [PaidJob] {
        let path = path
        return try await rows(
            """
            SELECT \(unescaped: PaidJob.postgresColumns) FROM \(unescaped: table.paidJobs)
            WHERE state = 'intent' AND project_id IS NULL ORDER BY intent_at, key
            """
        ).map { try PaidJob(postgres: $0, path: path) }
    }
}
