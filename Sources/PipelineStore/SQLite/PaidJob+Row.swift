import GRDB

extension PaidJob {
    static let columns = """
        key, task_id, run_id, state, project_id, credits, intent_at, updated_at, last_status, last_error, \
        owner_host, owner_pid, owner_start_ticks, estimated_credits, final_credits
        """

    init(row: Row, path: String) throws {
        self.init(
            key: row[0],
            taskID: row[1],
            runID: row[2],
            state: try StoredValues.decode(PaidJob.State.self, row[3], column: "paid job state", path: path),
            projectID: row[4],
            credits: row[5],
            intentAt: StoredValues.date(row[6] as Double),
            updatedAt: StoredValues.date(row[7] as Double),
            lastStatus: row[8],
            lastError: row[9],
            owner: (row[10] as String?).map { host in
                ProcessIdentity(host: host, pid: row[11] ?? 0, startTicks: row[12])
            },
            estimatedCredits: row[13],
            finalCredits: row[14])
    }
}
