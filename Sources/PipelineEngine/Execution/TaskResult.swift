import PipelineLanguage
import PipelineStore

/// What a finished task produced: its outputs (what `item` holds downstream) and its files.
public struct TaskResult: Sendable {
    /// Output fields by name, e.g. `path`, `project_id`.
    public var outputs: [String: Value]
    /// Files written, relative to the pipeline file's folder, with size and SHA-256.
    public var files: [StoredFile]
    /// Credits this task spent (0 when it resumed a job paid for earlier).
    public var creditsSpent: Int
    /// In a shared run: another worker did the task (these are the outputs it stored).
    var doneElsewhere = false

    public init(outputs: [String: Value], files: [StoredFile] = [], creditsSpent: Int = 0) {
        self.outputs = outputs
        self.files = files
        self.creditsSpent = creditsSpent
    }
}
