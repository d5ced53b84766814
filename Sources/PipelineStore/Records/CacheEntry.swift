import Foundation

/// The cache: what a task with a given cache key produced.
public struct CacheEntry: Sendable, Equatable, Codable {
    /// The task's cache key (its inputs, parameters and upstream hashes).
    public var key: String
    /// The stage of the task that produced it.
    public var stage: String
    /// The task id that produced it.
    public var taskID: String
    /// The stage type (`uses:`), e.g. `image.resize`.
    public var stageType: String
    /// The task's outputs as JSON text, encoded and decoded by the engine.
    public var outputsJSON: String
    /// Files the task wrote, with their hashes.
    public var files: [StoredFile]
    /// The run that produced it.
    public var runID: String
    /// When it was stored.
    public var createdAt: Date
    /// Where the task's plan puts its output (its planned output path, relative to the pipeline
    /// file's folder), or empty for a task that writes no file. One key may have an entry per
    /// location: tasks with identical inputs in several places (duplicate photos, two pipelines)
    /// are each cached, and an entry counts only for a task whose plan puts the files there.
    public var location: String

    /// Creates a cache entry.
    public init(
        key: String,
        stage: String,
        taskID: String,
        stageType: String,
        outputsJSON: String,
        files: [StoredFile],
        runID: String,
        createdAt: Date,
        location: String = ""
    ) {
        self.key = key
        self.stage = stage
        self.taskID = taskID
        self.stageType = stageType
        self.outputsJSON = outputsJSON
        self.files = files
        self.runID = runID
        self.createdAt = createdAt
        self.location = location
    }
}
