import Foundation
import PipelineStore
import PostgresNIO

extension TaskRecord {
    static let postgresColumns = """
        run_id, task_id, stage, cache_key, status, attempts, queued_at, started_at, finished_at, \
        credits, error, detail, phases
        """

    init(postgres row: PostgresRow, path: String) throws {
        let r = PostgresRowReader(row, path: path)
        self.init(
            runID: try r[0], taskID: try r[1], stage: try r[2], cacheKey: try r[3],
            status: try r.decode(4, as: TaskStatus.self, column: "task status"),
            attempts: try r[5],
            queuedAt: (try r[6, as: Double?.self]).map(Date.init(timeIntervalSince1970:)),
            startedAt: (try r[7, as: Double?.self]).map(Date.init(timeIntervalSince1970:)),
            finishedAt: (try r[8, as: Double?.self]).map(Date.init(timeIntervalSince1970:)),
            credits: try r[9], error: try r[10], detail: try r[11],
            phases: TaskPhaseMark.decode(try r[12, as: String?.self]))
    }

    func bind(to row: inout InsertValues.Row) {
        row.bind(runID)
        row.bind(taskID)
        row.bind(stage)
        row.bind(cacheKey)
        row.bind(status.rawValue)
        row.bind(attempts)
        row.bind(queuedAt?.timeIntervalSince1970)
        row.bind(startedAt?.timeIntervalSince1970)
        row.bind(finishedAt?.timeIntervalSince1970)
        row.bind(credits)
        row.bind(error)
        row.bind(detail)
        row.bind(TaskPhaseMark.encode(phases))
    }
}
