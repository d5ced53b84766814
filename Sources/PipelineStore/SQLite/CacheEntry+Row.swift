import GRDB

extension CacheEntry {
    static let columns = "key, stage, task_id, stage_type, outputs_json, files_json, run_id, created_at, location"

    init(row: Row, path: String) throws {
        self.init(
            key: row[0],
            stage: row[1],
            taskID: row[2],
            stageType: row[3],
            outputsJSON: row[4],
            files: try StoredValues.decodeFiles(row[5], path: path),
            runID: row[6],
            createdAt: StoredValues.date(row[7] as Double),
            location: row[8])
    }

    var arguments: StatementArguments {
        [
            key, stage, taskID, stageType, outputsJSON, StoredValues.encodeFiles(files), runID,
            StoredValues.seconds(createdAt), location,
        ]
    }
}
