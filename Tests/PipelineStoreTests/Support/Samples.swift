import Foundation
import PipelineStore

/// Sample records with whole-second times (which round-trip exactly through REAL seconds).
enum Samples {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func run(_ id: String, pipeline: String = "launch", at offset: TimeInterval = 0) -> RunRecord {
        RunRecord(
            id: id, pipeline: pipeline, file: "/p/\(pipeline).yaml", startedAt: t0.addingTimeInterval(offset),
            host: "host-a", pid: 4242)
    }

    static func task(_ taskID: String, run: String = "r1", status: TaskStatus = .queued) -> TaskRecord {
        TaskRecord(
            runID: run, taskID: taskID, stage: "clips", cacheKey: "key-\(taskID)", status: status, attempts: 1,
            queuedAt: t0, startedAt: t0.addingTimeInterval(1), finishedAt: nil, credits: 0, error: nil,
            detail: "480p")
    }

    static func cacheEntry(_ key: String, stage: String = "thumbs") -> CacheEntry {
        CacheEntry(
            key: key, stage: stage, taskID: "\(stage)[\(key)]", stageType: "image.resize",
            outputsJSON: #"{"path":"out/\#(key).png"}"#,
            files: [StoredFile(path: "out/\(key).png", sha256: String(repeating: "ab", count: 32), bytes: 1234)],
            runID: "r1", createdAt: t0)
    }
}
