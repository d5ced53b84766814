import Foundation
import PipelineLanguage
import PipelineStore

/// A worker's side of a shared run: claims each task in the store before it starts, and keeps
/// the worker's lease alive. One per worker run.
struct TaskClaimer: Sendable {
    let store: any StateStore
    let runID: String
    let worker: ProcessIdentity
    let options: WorkerOptions
    /// The pipeline file's folder, which every worker must see (outputs are shared through it).
    let baseDirectory: String

    /// What a claim means for the scheduler.
    enum Decision: Sendable {
        /// Run it, writing under this fence.
        case run(TaskFence)
        /// Another worker holds it: try again later.
        case park
        /// A worker finished it: done, with its outputs as that worker stored them.
        case doneElsewhere(TaskResult)
        /// A worker failed it for good.
        case failedElsewhere(TaskFailure)
    }

    func claim(_ task: PlannedTask) async -> Decision {
        let claim: TaskClaim
        do {
            claim = try await store.claimTask(
                runID: runID, taskID: task.id, worker: worker, lease: options.lease, at: Date())
        } catch {
            return .failedElsewhere(TaskAttempt.storeFailure(error, doing: "claim this task"))
        }
        switch claim {
        case .claimed(let fence):
            return .run(fence)
        case .held:
            return .park
        case .finished(let status) where status == .succeeded || status == .cached:
            do {
                let entry = try await store.cacheEntries(keys: [task.cacheKey])[task.cacheKey]?
                    .first { $0.location == (task.outputPath ?? "") }
                guard let entry else {
                    return .failedElsewhere(
                        TaskFailure(
                            "another worker finished this task but its result is not in the store", retryable: false))
                }
                // Workers share their files through the pipeline's folder: on several machines it
                // must be one shared folder (NFS…), or the dependants here would not find them.
                if let missing = entry.files.first(where: {
                    !FileManager.default.fileExists(atPath: PathText.absolute($0.path, base: baseDirectory))
                }) {
                    return .failedElsewhere(
                        TaskFailure(
                            "another worker did this task, but its file \(missing.path) is not visible here: workers must share the pipeline's folder",
                            retryable: false))
                }
                var result = TaskResult(outputs: CacheRecord.outputs(fromJSON: entry.outputsJSON), files: entry.files)
                result.doneElsewhere = true
                return .doneElsewhere(result)
            } catch {
                return .failedElsewhere(TaskAttempt.storeFailure(error, doing: "read another worker's result"))
            }
        case .finished(let status):
            return .failedElsewhere(
                TaskFailure("another worker of this run ended this task as \(status.rawValue)", retryable: false))
        }
    }

    /// Renews the lease until cancelled. A renewal that fails is reported and tried again at the
    /// next interval; the claims it could not keep are found out by the fenced writes.
    func keepLeaseAlive(observer: any RunObserver) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int64(options.renewalInterval * 1000)))
            } catch {
                return
            }
            do {
                _ = try await store.renewWorkerLease(runID: runID, worker: worker, lease: options.lease, at: Date())
            } catch {
                observer.observe(.warning("could not renew this worker's lease on run \(runID): \(error)"))
            }
        }
    }
}
