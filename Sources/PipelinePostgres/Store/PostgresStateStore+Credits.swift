import Foundation
import Logging
import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func reserveCredits(
        key: String, amount: Int, spender: CreditSpender, limits: [CreditLimit], at: Date
    ) async throws -> CreditReservation {
        let table = table
        let path = path
        let amount = max(0, amount)
        let lockKey = StableKey.of("pipeline-credit-reservations", location.schema)
        return try await transaction { connection, logger in
            // Reservations are decided one at a time across every process sharing the store.
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            let existing = try await connection.query(
                "SELECT 1 FROM \(unescaped: table.creditReservations) WHERE key = \(key)", logger: logger
            ).collect()
            if !existing.isEmpty { throw StateStoreError.duplicate(what: "a credit reservation \(key)", path: path) }
            for limit in limits {
                let usage = try await Self.usage(
                    of: limit, at: at, table: table, connection: connection, logger: logger)
                if usage.spent + usage.reserved + amount > limit.credits { return .refused(usage) }
            }
            try await connection.query(
                """
                INSERT INTO \(unescaped: table.creditReservations) (key, run_id, pipeline, account, amount, state,
                    reserved_at, settled_at, owner_host, owner_pid, owner_start_ticks)
                VALUES (\(key), \(spender.runID), \(spender.pipeline), \(spender.account), \(amount), 'reserved',
                    \(at.timeIntervalSince1970), NULL, \(spender.owner.host), \(spender.owner.pid),
                    \(spender.owner.startTicks))
                """, logger: logger)
            return .reserved
        }
    }

    package func settleCredits(key: String, amount: Int, at: Date) async throws {
        let updated = try await rows(
            """
            UPDATE \(unescaped: table.creditReservations) SET amount = \(max(0, amount)), state = 'settled',
                settled_at = \(at.timeIntervalSince1970)
            WHERE key = \(key) RETURNING key
            """)
        if updated.isEmpty { throw StateStoreError.notFound(what: "a credit reservation \(key)", path: path) }
    }

    package func releaseCredits(key: String, at: Date) async throws {
        _ = try await rows("DELETE FROM \(unescaped: table.creditReservations) WHERE key = \(key)")
    }

    package func creditUsage(limits: [CreditLimit], at: Date) async throws -> [CreditUsage] {
        let table = table
        return try await perform { client, logger in
            try await client.withConnection { connection in
                var usages: [CreditUsage] = []
                for limit in limits {
                    usages.append(
                        try await Self.usage(of: limit, at: at, table: table, connection: connection, logger: logger))
                }
                return usages
            }
        }
    }

    package func acquireCreateSlot(_ slot: CreateSlot, limit: Int, at: Date) async throws -> Bool {
        let table = table
        let now = at.timeIntervalSince1970
        let lockKey = StableKey.of("pipeline-create-slots", location.schema, slot.scope)
        return try await transaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                """
                DELETE FROM \(unescaped: table.createSlots)
                WHERE scope = \(slot.scope) AND (expires_at <= \(now) OR key = \(slot.key))
                """, logger: logger)
            let holders = try await connection.query(
                """
                SELECT key, owner_host, owner_pid, owner_start_ticks FROM \(unescaped: table.createSlots)
                WHERE scope = \(slot.scope)
                """, logger: logger)
            var held = 0
            var gone: [String] = []
            for try await (key, host, pid, ticks) in holders.decode((String, String, Int32, Int64?).self) {
                if ProcessIdentity(host: host, pid: pid, startTicks: ticks).liveness == .gone {
                    gone.append(key)
                } else {
                    held += 1
                }
            }
            for key in gone {
                try await connection.query(
                    "DELETE FROM \(unescaped: table.createSlots) WHERE key = \(key)", logger: logger)
            }
            guard held < limit else { return false }
            try await connection.query(
                """
                INSERT INTO \(unescaped: table.createSlots) (key, scope, owner_host, owner_pid, owner_start_ticks,
                    acquired_at, expires_at)
                VALUES (\(slot.key), \(slot.scope), \(slot.owner.host), \(slot.owner.pid), \(slot.owner.startTicks),
                    \(now), \(slot.expiresAt.timeIntervalSince1970))
                """, logger: logger)
            return true
        }
    }

    package func releaseCreateSlot(key: String) async throws {
        _ = try await rows("DELETE FROM \(unescaped: table.createSlots) WHERE key = \(key)")
    }

    /// The settled and unsettled sums of `limit`'s window containing `at`.
    static func usage(
        of limit: CreditLimit, at: Date, table: PostgresTables, connection: PostgresConnection, logger: Logger
    ) async throws -> CreditUsage {
        let column =
            switch limit.scope {
            case .run: "run_id"
            case .pipeline: "pipeline"
            case .account: "account"
            }
        let window = limit.period.window(containing: at)
        let start = window?.start.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
        let end = window?.end.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude
        let rows = try await connection.query(
            """
            SELECT COALESCE(SUM(CASE WHEN state = 'settled' THEN amount END), 0)::bigint,
                   COALESCE(SUM(CASE WHEN state = 'settled' THEN 0 ELSE amount END), 0)::bigint
            FROM \(unescaped: table.creditReservations)
            WHERE \(unescaped: column) = \(limit.scope.value) AND reserved_at >= \(start) AND reserved_at < \(end)
            """, logger: logger)
        var spent = 0
        var reserved = 0
        for try await (settled, unsettled) in rows.decode((Int, Int).self) {
            spent = settled
            reserved = unsettled
        }
        return CreditUsage(limit: limit, spent: spent, reserved: reserved)
    }
}
