import Foundation
import PipelineStore
import PostgresNIO

extension CacheEntry {
    static let postgresColumns =
        "key, stage, task_id, stage_type, outputs_json, files_json, run_id, created_at, location"

    init(postgres row: PostgresRow, path: String) throws {
        let r = PostgresRowReader(row, path: path)
        let json: String = try r[5]
        guard let files = StoredFilesJSON.decode(json) else {
            throw StateStoreError.invalidData(path: path, reason: "a cache entry's file list is not valid JSON")
        }
        self.init(
            key: try r[0], stage: try r[1], taskID: try r[2], stageType: try r[3], outputsJSON: try r[4],
            files: files, runID: try r[6], createdAt: Date(timeIntervalSince1970: try r[7]), location: try r[8])
    }

    func bind(to row: inout InsertValues.Row) {
        row.bind(key)
        row.bind(stage)
        row.bind(taskID)
        row.bind(stageType)
        row.bind(outputsJSON)
        row.bind(StoredFilesJSON.encode(files))
        row.bind(runID)
        row.bind(createdAt.timeIntervalSince1970)
        row.bind(location)
    }
}
