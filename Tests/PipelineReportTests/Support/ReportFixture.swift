import Foundation
import PipelineImaging
import PipelineStore

/// A pipeline folder on disk (pipeline file, images, videos) and a real state store holding one
/// run of it: one image resized, rendered, downloaded and renamed; one corrupt image failed.
final class ReportFixture: Sendable {
    let root: String
    let storePath: String
    let store: SQLiteStateStore
    let start = Date(timeIntervalSince1970: 1_764_000_000)
    let runID = "20251124T160000Z-00c0ffee"
    /// The failed resize's message: markup and quotes that the page must escape.
    static let hostileError = #"assets/b.png cannot be read as an image: <script>alert("x")</script> & 'more'"#
    /// The video's content.
    let video: Data

    static let pipelineText = """
        version: 1
        name: flow
        settings:
          output_dir: out
        inputs:
          photos:
            glob: assets/*.png
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 160, height: 90, fit: cover }
          clips:
            uses: magic_hour.image_to_video
            for_each: ${{ stages.thumbs }}
            matrix:
              take: [one]
            with:
              image: ${{ item.path }}
              end_seconds: 5
              resolution: 480p
              model: ltx-2.3
          files:
            uses: download
            for_each: ${{ stages.clips }}
          final:
            uses: rename
            for_each: ${{ stages.files }}
            with: { to: "${{ item.stem }}-${{ item.matrix.take }}.mp4" }

        """

    init(_ label: String) async throws {
        root = NSTemporaryDirectory() + "pipeline-report-tests-\(label)-\(UUID().uuidString.prefix(8))"
        let manager = FileManager.default
        for folder in ["assets", "out/.work/thumbs", "out/.work/files", ".pipeline"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try Self.pipelineText.write(toFile: root + "/flow.yaml", atomically: true, encoding: .utf8)
        try SyntheticImage.write(to: root + "/assets/a.png", width: 64, height: 48)
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: root + "/assets/b.png"))
        try SyntheticImage.write(to: root + "/out/.work/thumbs/a.png", width: 160, height: 90)
        var bytes = Data([0, 0, 0, 0x18]) + Data("ftypisom".utf8)
        for index in 0..<5000 { bytes.append(UInt8(truncatingIfNeeded: index &* 31 &+ 7)) }
        video = bytes
        try bytes.write(to: URL(fileURLWithPath: root + "/out/.work/files/a-one.mp4"))
        try manager.linkItem(atPath: root + "/out/.work/files/a-one.mp4", toPath: root + "/out/a-one.mp4")

        storePath = root + "/.pipeline/state.db"
        store = try SQLiteStateStore(path: storePath)
        try await record()
    }

    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    func size(_ relative: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: root + "/" + relative))?[.size] as? NSNumber)?.int64Value
            ?? 0
    }

    private func record() async throws {
        try await store.beginRun(
            RunRecord(id: runID, pipeline: "flow", file: "flow.yaml", startedAt: start, host: "h", pid: 1))
        let tasks = [
            TaskRecord(
                runID: runID, taskID: "thumbs[assets/a.png]", stage: "thumbs", cacheKey: "k-thumb-a",
                status: .succeeded,
                attempts: 1, queuedAt: at(0), startedAt: at(0.1), finishedAt: at(0.5),
                phases: [TaskPhaseMark(phase: "resizing", at: at(0.1))]),
            TaskRecord(
                runID: runID, taskID: "thumbs[assets/b.png]", stage: "thumbs", cacheKey: "k-thumb-b", status: .failed,
                attempts: 1, queuedAt: at(0), startedAt: at(0.1), finishedAt: at(0.3), error: Self.hostileError,
                phases: [TaskPhaseMark(phase: "resizing", at: at(0.1))]),
            TaskRecord(
                runID: runID, taskID: "clips[assets/a.png]{take=one}", stage: "clips", cacheKey: "k-clip-a",
                status: .succeeded,
                attempts: 1, queuedAt: at(0.5), startedAt: at(0.6), finishedAt: at(5), credits: 120,
                phases: [TaskPhaseMark(phase: "uploading", at: at(0.6)), TaskPhaseMark(phase: "rendering", at: at(1))]),
            TaskRecord(
                runID: runID, taskID: "clips[assets/b.png]{take=one}", stage: "clips", cacheKey: "k-clip-b",
                status: .skipped,
                detail: "dependency thumbs[assets/b.png] failed"),
            TaskRecord(
                runID: runID, taskID: "files[assets/a.png]{take=one}", stage: "files", cacheKey: "k-file-a",
                status: .succeeded,
                attempts: 1, queuedAt: at(5), startedAt: at(5), finishedAt: at(6),
                phases: [TaskPhaseMark(phase: "downloading", at: at(5))]),
            TaskRecord(
                runID: runID, taskID: "final[assets/a.png]{take=one}", stage: "final", cacheKey: "k-final-a",
                status: .cached),
        ]
        try await store.recordTasks(tasks)
        let sha = String(repeating: "ab", count: 32)
        try await store.saveCacheEntries([
            CacheEntry(
                key: "k-thumb-a", stage: "thumbs", taskID: "thumbs[assets/a.png]", stageType: "image.resize",
                outputsJSON: "{}",
                files: [
                    StoredFile(
                        path: "out/.work/thumbs/a.png", sha256: String(repeating: "cd", count: 32),
                        bytes: size("out/.work/thumbs/a.png"))
                ],
                runID: runID, createdAt: at(0.5)),
            CacheEntry(
                key: "k-file-a", stage: "files", taskID: "files[assets/a.png]{take=one}", stageType: "download",
                outputsJSON: "{}",
                files: [StoredFile(path: "out/.work/files/a-one.mp4", sha256: sha, bytes: Int64(video.count))],
                runID: runID,
                createdAt: at(6)),
            CacheEntry(
                key: "k-final-a", stage: "final", taskID: "final[assets/a.png]{take=one}", stageType: "rename",
                outputsJSON: "{}",
                files: [StoredFile(path: "out/a-one.mp4", sha256: sha, bytes: Int64(video.count))], runID: "earlier",
                createdAt: at(-100)),
        ])
        try await store.finishRun(
            id: runID, outcome: .failed, finishedAt: at(6.5),
            totals: RunTotals(
                creditsSpent: 120, tasksTotal: 6, tasksSucceeded: 3, tasksCached: 1, tasksFailed: 1, tasksSkipped: 1))
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(atPath: root)
    }
}
