import Foundation
import PipelineLanguage
import PipelineStore

/// Decides, for every task of a plan, whether it is cached, resumable, uncertain or to run, and why.
/// It only reads the state store and the file system: `pipeline plan` uses it too.
public struct TaskStatusResolver: Sendable {
    public struct Options: Sendable {
        /// Rerun every task.
        public var force: Bool
        /// Rerun the tasks of these stages (and what depends on them).
        public var forceStages: Set<String>
        /// Resubmit paid jobs whose create call may or may not have happened.
        public var resubmitUncertain: Bool

        public init(force: Bool = false, forceStages: Set<String> = [], resubmitUncertain: Bool = false) {
            self.force = force
            self.forceStages = forceStages
            self.resubmitUncertain = resubmitUncertain
        }
    }

    public let store: any StateStore
    public let options: Options

    public init(store: any StateStore, options: Options = Options()) {
        self.store = store
        self.options = options
    }

    /// Each task's disposition.
    public func dispositions(for plan: Plan, baseDirectory: String) async throws -> TaskDispositions {
        let keys = plan.tasks.map(\.cacheKey)
        let entries = CacheEntryIndex(try await store.cacheEntries(keys: keys))
        // Each task's entry where its plan puts its files, and whether those are intact. An entry
        // counts only there: keys are per content, outputs are per place (duplicate photos,
        // another pipeline, an old output_dir).
        var heres: [(entry: CacheEntry, intact: Bool)?] = []
        heres.reserveCapacity(plan.tasks.count)
        var paidKeys: [String] = []
        for index in plan.tasks.indices {
            let here = entries.entry(key: plan.tasks[index].cacheKey, location: plan.tasks[index].outputPath ?? "")
            let found = here.map { (entry: $0, intact: Self.filesIntact($0.files, baseDirectory: baseDirectory)) }
            heres.append(found)
            // The ledger is read only for the paid tasks not cached (none, on a run with nothing to do).
            if found?.intact != true, plan.tasks[index].isPaid { paidKeys.append(plan.tasks[index].cacheKey) }
        }
        let jobs = paidKeys.isEmpty ? [:] : try await store.paidJobs(keys: paidKeys)
        var previousByTask: [String: CacheEntry]?
        var forced: Set<String> = []
        var result: [TaskDisposition] = []
        result.reserveCapacity(plan.tasks.count)
        var liveRuns: [String: Bool] = [:]
        for (task, here) in zip(plan.tasks, heres) {
            if options.force || options.forceStages.contains(task.stage)
                || task.dependencies.contains(where: forced.contains)
            {
                forced.insert(task.id)
                result.append(.run(.forced))
                continue
            }
            if let here, here.intact {
                result.append(.cached(here.entry))
                continue
            }
            if task.isPaid, let job = jobs[task.cacheKey] {
                switch job.state {
                case .submitted, .complete:
                    // Paid for already: resumed (and downloaded again where the plan wants it).
                    result.append(.resumable(job))
                    continue
                case .intent:
                    if try await Self.ownerIsAlive(job, store: store, cache: &liveRuns) {
                        result.append(.held(job))
                    } else {
                        result.append(options.resubmitUncertain ? .run(.resubmitUncertain) : .uncertain(job))
                    }
                    continue
                case .failed, .canceled:
                    result.append(.run(.previousFailed))
                    continue
                case .gone:
                    result.append(.run(.projectGone))
                    continue
                }
            }
            if here != nil {
                result.append(.run(.outputMissing))
                continue
            }
            // This very task's files, recorded in another place (a moved output_dir, another
            // pipeline's folder): its local work is redone here.
            if entries.hasEntry(key: task.cacheKey, taskID: task.id) {
                result.append(.run(.outputElsewhere))
                continue
            }
            if previousByTask == nil {
                var index: [String: CacheEntry] = [:]
                for entry in try await store.allCacheEntries()
                where (index[entry.taskID]?.createdAt ?? .distantPast) < entry.createdAt {
                    index[entry.taskID] = entry
                }
                previousByTask = index
            }
            if let previous = previousByTask?[task.id] {
                result.append(.run(CacheRecord.reason(for: task, previous: previous)))
            } else {
                result.append(.run(.newTask))
            }
        }
        return TaskDispositions(plan: plan, inOrder: result)
    }

    /// Whether the run holding an intent is still at work (``PaidJob/ownerIsAtWork(runOutcome:)``),
    /// one run-row read per run.
    static func ownerIsAlive(_ job: PaidJob, store: any StateStore, cache: inout [String: Bool]) async throws -> Bool {
        if let known = cache[job.runID] { return known }
        let alive = job.ownerIsAtWork(runOutcome: try await store.run(id: job.runID)?.outcome)
        cache[job.runID] = alive
        return alive
    }

    /// Whether every recorded file exists as a regular file (not a symbolic link: `lstat`) with
    /// its recorded size.
    static func filesIntact(_ files: [StoredFile], baseDirectory: String) -> Bool {
        files.allSatisfy { file in
            var info = stat()
            guard lstat(PathText.resolve(file.path, against: baseDirectory), &info) == 0 else { return false }
            return info.st_mode & S_IFMT == S_IFREG && Int64(info.st_size) == file.bytes
        }
    }
}
