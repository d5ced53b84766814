import Foundation
import PipelineStore
import PostgresNIO

extension RunRecord {
    static let postgresColumns = """
        id, pipeline, file, started_at, finished_at, outcome, credits_spent, tasks_total, \
        tasks_succeeded, tasks_cached, tasks_failed, tasks_skipped, host, pid, process_start_ticks
        """

    init(postgres row: PostgresRow, path: String) throws {
        let r = PostgresRowReader(row, path: path)
        self.init(
            id: try r[0], pipeline: try r[1], file: try r[2],
            startedAt: Date(timeIntervalSince1970: try r[3]),
            finishedAt: (try r[4, as: Double?.self]).map(Date.init(timeIntervalSince1970:)),
            outcome: try r.decode(5, as: RunOutcome.self, column: "run outcome"),
            totals: RunTotals(
                creditsSpent: try r[6], tasksTotal: try r[7], tasksSucceeded: try r[8], tasksCached: try r[9],
                tasksFailed: try r[10], tasksSkipped: try r[11]),
            host: try r[12], pid: try r[13],
            processStartTicks: try r[14])
    }

    func bind(to row: inout InsertValues.Row) {
        row.bind(id)
        row.bind(pipeline)
        row.bind(file)
        row.bind(startedAt.timeIntervalSince1970)
        row.bind(finishedAt?.timeIntervalSince1970)
        row.bind(outcome.rawValue)
        row.bind(totals.creditsSpent)
        row.bind(totals.tasksTotal)
        row.bind(totals.tasksSucceeded)
        row.bind(totals.tasksCached)
        row.bind(totals.tasksFailed)
        row.bind(totals.tasksSkipped)
        row.bind(host)
        row.bind(pid)
        row.bind(processStartTicks)
    }
}
