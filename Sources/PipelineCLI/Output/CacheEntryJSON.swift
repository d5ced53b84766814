import Foundation
import PipelineLanguage
import PipelineStore

/// A cache entry as `cache ls --format json` prints it.
struct CacheEntryJSON: Encodable {
    struct File: Encodable {
        var path: String
        var sha256: String
        var bytes: Int64
    }

    var key: String
    var stage: String
    var task: String
    var stageType: String
    var projectId: String?
    var runId: String
    var createdAt: Date
    var files: [File]

    init(_ entry: CacheEntry) {
        key = entry.key
        stage = entry.stage
        task = entry.taskID
        stageType = entry.stageType
        projectId = Self.projectID(of: entry)
        runId = entry.runID
        createdAt = entry.createdAt
        files = entry.files.map { File(path: $0.path, sha256: $0.sha256, bytes: $0.bytes) }
    }

    /// The Magic Hour project an entry records (the `project_id` output of generate tasks).
    static func projectID(of entry: CacheEntry) -> String? {
        guard case .object(let fields)? = try? Value(json: entry.outputsJSON) else { return nil }
        return fields["project_id"]?.stringValue
    }
}
