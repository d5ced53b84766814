import Foundation
import GRDB

extension SQLiteStateStore {
    public func reserveCredits(
        key: String, amount: Int, spender: CreditSpender, limits: [CreditLimit], at: Date
    ) async throws -> CreditReservation {
        let path = path
        let amount = max(0, amount)
        return try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM credit_reservations WHERE key = ?", arguments: [key]) != nil {
                throw StateStoreError.duplicate(what: "a credit reservation \(key)", path: path)
            }
            for limit in limits {
                let usage = try Self.usage(of: limit, at: at, db: db)
                if usage.spent + usage.reserved + amount > limit.credits { return .refused(usage) }
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO credit_reservations
                        (key, run_id, pipeline, account, amount, state, reserved_at, settled_at,
                         owner_host, owner_pid, owner_start_ticks)
                    VALUES (?, ?, ?, ?, ?, 'reserved', ?, NULL, ?, ?, ?)
                    """
            ).execute(arguments: [
                key, spender.runID, spender.pipeline, spender.account, amount, StoredValues.seconds(at),
                spender.owner.host, spender.owner.pid, spender.owner.startTicks,
            ])
            return .reserved
        }
    }

    public func settleCredits(key: String, amount: Int, at: Date) async throws {
        let path = path
        try await write { db in
            try db.cachedStatement(
                sql: "UPDATE credit_reservations SET amount = ?, state = 'settled', settled_at = ? WHERE key = ?"
            ).execute(arguments: [max(0, amount), StoredValues.seconds(at), key])
            if db.changesCount == 0 {
                throw StateStoreError.notFound(what: "a credit reservation \(key)", path: path)
            }
        }
    }

    public func releaseCredits(key: String, at: Date) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM credit_reservations WHERE key = ?").execute(arguments: [key])
        }
    }

    public func creditUsage(limits: [CreditLimit], at: Date) async throws -> [CreditUsage] {
        try await read { db in try limits.map { try Self.usage(of: $0, at: at, db: db) } }
    }

    /// The settled and unsettled sums of `limit`'s window containing `at`.
    static func usage(of limit: CreditLimit, at: Date, db: Database) throws -> CreditUsage {
        let column =
            switch limit.scope {
            case .run: "run_id"
            case .pipeline: "pipeline"
            case .account: "account"
            }
        var sql = """
            SELECT COALESCE(SUM(CASE WHEN state = 'settled' THEN amount END), 0),
                   COALESCE(SUM(CASE WHEN state = 'settled' THEN 0 ELSE amount END), 0)
            FROM credit_reservations WHERE \(column) = ?
            """
        var arguments: StatementArguments = [limit.scope.value]
        if let window = limit.period.window(containing: at) {
            sql += " AND reserved_at >= ? AND reserved_at < ?"
            arguments += [StoredValues.seconds(window.start), StoredValues.seconds(window.end)]
        }
        let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
        return CreditUsage(limit: limit, spent: row?[0] ?? 0, reserved: row?[1] ?? 0)
    }
}
