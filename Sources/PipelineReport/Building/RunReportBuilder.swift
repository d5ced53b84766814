import Foundation
import PipelineLanguage
import PipelineStore

/// Reads one run from the state store into a ``RunReport``.
package struct RunReportBuilder: Sendable {
    /// The stage types whose image files become thumbnails.
    package static let imageStageTypes: Set<String> = ["image.resize"]
    /// The stage types whose `.mp4` files become videos.
    package static let videoStageTypes: Set<String> = ["download", "rename"]

    /// The store to read.
    package var store: any StateStore
    /// The store's path, for messages.
    package var storePath: String

    /// Creates a builder reading `store` (found at `storePath`).
    package init(store: any StateStore, storePath: String) {
        self.store = store
        self.storePath = storePath
    }

    /// The report of `run`, with the stage graph and base folder of `source`.
    /// - Throws: ``ReportError/store(reason:)`` when the store cannot be read.
    package func build(run: RunRecord, source: PipelineSource) async throws(ReportError) -> RunReport {
        let tasks: [TaskRecord]
        // By task id: tasks with identical inputs share a key but each has its own entry.
        var entries: [String: CacheEntry] = [:]
        var paid: [TaskCredits] = []
        do {
            tasks = try await store.tasksIncludingCached(of: run)
            // The ledger: only the jobs this run created (a cached task's job belongs to its run).
            let jobs = try await store.paidJobs(keys: Array(Set(tasks.map(\.cacheKey).filter { !$0.isEmpty })))
            for task in tasks {
                guard let job = jobs[task.cacheKey], job.runID == run.id, job.projectID != nil,
                    job.taskID == task.taskID
                else { continue }
                paid.append(TaskCredits(task: task, job: job))
            }
            let keys = Set(
                tasks.filter { $0.status == .succeeded || $0.status == .cached }.map(\.cacheKey).filter { !$0.isEmpty })
            let found = try await store.cacheEntries(keys: keys.sorted())
            for task in tasks {
                guard let candidates = found[task.cacheKey] else { continue }
                entries[task.taskID] = candidates.first { $0.taskID == task.taskID } ?? candidates.first
            }
        } catch {
            throw .store(reason: String(describing: error))
        }

        // Stages: the file's, then any other the tasks name, in order of appearance.
        var names = source.graph?.nodes.map(\.name) ?? []
        var known = Set(names)
        for task in tasks where !known.contains(task.stage) {
            names.append(task.stage)
            known.insert(task.stage)
        }
        let edges = (source.graph?.edges ?? []).filter { known.contains($0.from) && known.contains($0.to) }
        let depths = StageGraph.depths(of: names, edges: edges)
        var typeNames: [String: String] = [:]
        for node in source.graph?.nodes ?? [] { typeNames[node.name] = node.typeName }
        for task in tasks where typeNames[task.stage] == nil {
            if let entry = entries[task.taskID] { typeNames[task.stage] = entry.stageType }
        }
        let tasksByStage = Dictionary(grouping: tasks, by: \.stage)
        let stages = names.map { name in
            let stageTasks = tasksByStage[name] ?? []
            return StageReport(
                name: name, typeName: typeNames[name], counts: StatusCounts(stageTasks),
                credits: stageTasks.reduce(0) { $0 + $1.credits }, depth: depths[name] ?? 0,
                outcome: StageOutcome.worst(of: stageTasks.map(\.status)))
        }

        let order: [TaskStatus: Int] = [.failed: 0, .uncertain: 1, .skipped: 2]
        let problems = tasks.compactMap(TaskProblem.init).sorted {
            (order[$0.status] ?? 3, $0.taskID) < (order[$1.status] ?? 3, $1.taskID)
        }
        let (images, videos) = media(tasks: tasks, entries: entries, baseDirectory: source.baseDirectory)
        var report = RunReport(
            run: run, baseDirectory: source.baseDirectory, pipelineFile: source.file, stages: stages, edges: edges,
            tasks: tasks, problems: problems, images: images, videos: videos, notes: source.notes)
        report.paidCredits = paid
        return report
    }

    /// The resized images and the videos the run's tasks wrote (or found cached), checked on disk;
    /// `entries` by task id.
    func media(
        tasks: [TaskRecord], entries: [String: CacheEntry], baseDirectory: String
    ) -> ([ImageOutput], [VideoOutput]) {
        var images: [ImageOutput] = []
        var videos: [VideoOutput] = []
        var videoIndex: [String: Int] = [:]
        for task in tasks where task.status == .succeeded || task.status == .cached {
            guard let entry = entries[task.taskID] else { continue }
            if Self.imageStageTypes.contains(entry.stageType) {
                for file in entry.files where ImageKind.isImage(file.path) {
                    images.append(
                        ImageOutput(taskID: task.taskID, stage: task.stage, file: Self.check(file, base: baseDirectory))
                    )
                }
            } else if Self.videoStageTypes.contains(entry.stageType) {
                for file in entry.files where PathText.extension(file.path).lowercased() == "mp4" {
                    let checked = Self.check(file, base: baseDirectory)
                    if let index = videoIndex[file.sha256] {
                        if !videos[index].files.contains(where: { $0.absolutePath == checked.absolutePath }) {
                            // A renamed (final) copy is the one to show first.
                            if entry.stageType == "rename" {
                                videos[index].files.insert(checked, at: 0)
                            } else {
                                videos[index].files.append(checked)
                            }
                        }
                        if !videos[index].taskIDs.contains(task.taskID) { videos[index].taskIDs.append(task.taskID) }
                    } else {
                        videoIndex[file.sha256] = videos.count
                        videos.append(VideoOutput(sha256: file.sha256, files: [checked], taskIDs: [task.taskID]))
                    }
                }
            }
        }
        videos.sort { $0.primary.path < $1.primary.path }
        return (images, videos)
    }

    /// The file resolved against `base` and compared with what is on disk now.
    static func check(_ file: StoredFile, base: String) -> MediaFile {
        let joined = PathText.resolve(file.path, against: base)
        let absolute = PathText.normalized(joined) ?? joined
        var state = MediaFile.State.missing
        if let attributes = try? FileManager.default.attributesOfItem(atPath: absolute),
            attributes[.type] as? FileAttributeType == .typeRegular
        {
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            state = size == file.bytes ? .present : .changed(bytes: size)
        }
        return MediaFile(
            path: file.path, absolutePath: absolute, sha256: file.sha256, recordedBytes: file.bytes, state: state)
    }
}
