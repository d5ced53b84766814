import GRDB

extension RunRecord {
    static let columns = """
        id, pipeline, file, started_at, finished_at, outcome, credits_spent, tasks_total, \
        tasks_succeeded, tasks_cached, tasks_failed, tasks_skipped, host, pid, process_start_ticks
        """

    init(row: Row, path: String) throws {
        self.init(
            id: row[0],
            pipeline: row[1],
            file: row[2],
            startedAt: StoredValues.date(row[3] as Double),
            finishedAt: StoredValues.date(row[4] as Double?),
            outcome: try StoredValues.decode(RunOutcome.self, row[5], column: "run outcome", path: path),
            totals: RunTotals(
                creditsSpent: row[6], tasksTotal: row[7], tasksSucceeded: row[8], tasksCached: row[9],
                tasksFailed: row[10], tasksSkipped: row[11]),
            host: row[12],
            pid: row[13],
            processStartTicks: row[14])
    }

    var arguments: StatementArguments {
        [
            id, pipeline, file, StoredValues.seconds(startedAt), StoredValues.seconds(finishedAt),
            outcome.rawValue, totals.creditsSpent, totals.tasksTotal, totals.tasksSucceeded, totals.tasksCached,
            totals.tasksFailed, totals.tasksSkipped, host, pid, processStartTicks,
        ]
    }
}
