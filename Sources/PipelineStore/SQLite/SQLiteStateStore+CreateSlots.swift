import Foundation
import GRDB

extension SQLiteStateStore {
    public func acquireCreateSlot(_ slot: CreateSlot, limit: Int, at: Date) async throws -> Bool {
        try await write { db in
            let now = StoredValues.seconds(at)
            try db.execute(
                sql: "DELETE FROM create_slots WHERE scope = ? AND (expires_at <= ? OR key = ?)",
                arguments: [slot.scope, now, slot.key])
            let holders = try Row.fetchAll(
                db, sql: "SELECT key, owner_host, owner_pid, owner_start_ticks FROM create_slots WHERE scope = ?",
                arguments: [slot.scope])
            var held = 0
            for row in holders {
                let owner = ProcessIdentity(host: row[1], pid: row[2], startTicks: row[3])
                if owner.liveness == .gone {
                    try db.execute(sql: "DELETE FROM create_slots WHERE key = ?", arguments: [row[0] as String])
                } else {
                    held += 1
                }
            }
            guard held < limit else { return false }
            try db.execute(
                sql: """
                    INSERT INTO create_slots (key, scope, owner_host, owner_pid, owner_start_ticks, acquired_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    slot.key, slot.scope, slot.owner.host, slot.owner.pid, slot.owner.startTicks, now,
                    StoredValues.seconds(slot.expiresAt),
                ])
            return true
        }
    }

    public func releaseCreateSlot(key: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM create_slots WHERE key = ?", arguments: [key])
        }
    }
}
