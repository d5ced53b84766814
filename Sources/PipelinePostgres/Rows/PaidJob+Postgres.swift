import Foundation
import PipelineStore
import PostgresNIO

extension PaidJob {
    static let postgresColumns = """
        key, task_id, run_id, state, project_id, credits, intent_at, updated_at, last_status, last_error, \
        owner_host, owner_pid, owner_start_ticks, estimated_credits, final_credits
        """

    init(postgres row: PostgresRow, path: String) throws {
        let r = PostgresRowReader(row, path: path)
        let ownerHost: String? = try r[10]
        let ownerPID: Int32? = try r[11]
        let ownerTicks: Int64? = try r[12]
        self.init(
            key: try r[0], taskID: try r[1], runID: try r[2],
            state: try r.decode(3, as: PaidJob.State.self, column: "paid job state"),
            projectID: try r[4], credits: try r[5],
            intentAt: Date(timeIntervalSince1970: try r[6]), updatedAt: Date(timeIntervalSince1970: try r[7]),
            lastStatus: try r[8], lastError: try r[9],
            owner: ownerHost.map { ProcessIdentity(host: $0, pid: ownerPID ?? 0, startTicks: ownerTicks) },
            estimatedCredits: try r[13], finalCredits: try r[14])
    }
}
