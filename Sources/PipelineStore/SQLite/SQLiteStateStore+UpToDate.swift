import Foundation
import GRDB

extension SQLiteStateStore {
    public func upToDateRecord(pipeline: String) async throws -> Data? {
        try await read { db in
            try Data.fetchOne(db, sql: "SELECT record FROM up_to_date WHERE pipeline = ?", arguments: [pipeline])
        }
    }

    public func saveUpToDateRecord(pipeline: String, _ record: Data?) async throws {
        try await write { db in
            if let record {
                try db.execute(
                    sql: "INSERT INTO up_to_date (pipeline, record) VALUES (?, ?) "
                        + "ON CONFLICT(pipeline) DO UPDATE SET record = excluded.record",
                    arguments: [pipeline, record])
            } else {
                try db.execute(sql: "DELETE FROM up_to_date WHERE pipeline = ?", arguments: [pipeline])
            }
        }
    }
}
