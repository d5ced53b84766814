import Foundation
import PipelineStore
import PostgresNIO

extension PostgresStateStore {
    package func upToDateRecord(pipeline: String) async throws -> Data? {
        try await rows("SELECT record FROM \(unescaped: table.upToDate) WHERE pipeline = \(pipeline)")
            .first.map { try $0.decode(Data.self) }
    }

    package func saveUpToDateRecord(pipeline: String, _ record: Data?) async throws {
        if let record {
            _ = try await rows(
                """
                INSERT INTO \(unescaped: table.upToDate) (pipeline, record) VALUES (\(pipeline), \(record))
                ON CONFLICT (pipeline) DO UPDATE SET record = excluded.record
                """)
        } else {
            _ = try await rows("DELETE FROM \(unescaped: table.upToDate) WHERE pipeline = \(pipeline)")
        }
    }
}
