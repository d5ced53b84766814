import Foundation

extension StateStore {
    /// The run's task rows, plus a `cached` row for each task it found cached.
    ///
    /// A run stores rows only for tasks that did something; cached ones are only counted on the
    /// run (``RunRecord/tasksCached``), so a no-op re-run adds one row, not one per task. For the
    /// views that list tasks (`status`, the report), the cached ones are read back from the newest
    /// earlier runs of the same pipeline in which each task succeeded (at most `lookBack` runs
    /// back), up to the run's cached count. Their rows carry no times, attempts or credits.
    public func tasksIncludingCached(of run: RunRecord, lookBack: Int = 100) async throws -> [TaskRecord] {
        var tasks = try await tasks(runID: run.id)
        var missing = run.totals.tasksCached - tasks.lazy.filter { $0.status == .cached }.count
        guard missing > 0 else { return tasks }
        var seen = Set(tasks.map(\.taskID))
        let earlier = try await runs(pipeline: run.pipeline, limit: lookBack + 1).filter {
            $0.id != run.id && $0.startedAt <= run.startedAt
        }
        search: for previous in earlier {
            for task in try await self.tasks(runID: previous.id) where task.status == .succeeded {
                guard seen.insert(task.taskID).inserted else { continue }
                tasks.append(
                    TaskRecord(
                        runID: run.id, taskID: task.taskID, stage: task.stage, cacheKey: task.cacheKey, status: .cached,
                        attempts: 0, queuedAt: nil, startedAt: nil, finishedAt: nil, credits: 0, error: nil,
                        detail: task.detail))
                missing -= 1
                if missing == 0 { break search }
            }
        }
        return tasks.sorted { $0.taskID < $1.taskID }
    }
}
