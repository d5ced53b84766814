import GRDB

extension TaskRecord {
    static let columns = """
        run_id, task_id, stage, cache_key, status, attempts, queued_at, started_at, finished_at, \
        credits, error, detail, phases
        """

    init(row: Row, path: String) throws {
        self.init(
            runID: row[0],
            taskID: row[1],
            stage: row[2],
            cacheKey: row[3],
            status: try StoredValues.decode(TaskStatus.self, row[4], column: "task status", path: path),
            attempts: row[5],
            queuedAt: StoredValues.date(row[6] as Double?),
            startedAt: StoredValues.date(row[7] as Double?),
            finishedAt: StoredValues.date(row[8] as Double?),
            credits: row[9],
            error: row[10],
            detail: row[11],
            phases: TaskPhaseMark.decode(row[12] as String?))
    }

    var arguments: StatementArguments {
        [
            runID, taskID, stage, cacheKey, status.rawValue, attempts, StoredValues.seconds(queuedAt),
            StoredValues.seconds(startedAt), StoredValues.seconds(finishedAt), credits, error, detail,
            TaskPhaseMark.encode(phases),
        ]
    }
}
