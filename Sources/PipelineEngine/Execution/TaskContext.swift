import Foundation
import PipelineLanguage
import PipelineStore

/// Everything an executor needs to run one attempt of one task.
public struct TaskContext: Sendable {
    /// The planned task (id, stage, item, matrix, cache key, planned output path).
    public let task: PlannedTask
    /// The task's parameters with upstream outputs filled in and checked.
    public let parameters: [String: Value]
    /// The pipeline file's folder (absolute): relative paths in the plan resolve against it.
    public let baseDirectory: String
    public let settings: Settings
    public let pipelineName: String
    public let runID: String
    /// 1 for the first attempt.
    public let attempt: Int
    /// The exactly-once journal for this task's paid work.
    public let journal: PaidWorkJournal
    /// Reports progress of a long task (e.g. "rendering", bytes downloaded).
    public let progress: @Sendable (String) -> Void
    /// Records that the task entered a phase of its work (for the run's timeline).
    public let phase: @Sendable (TaskPhase) -> Void
    /// The files an earlier run of this very task recorded under the same cache key (set when
    /// the task is forced to run again): they are its own to replace.
    public let previousFiles: [StoredFile]

    public init(
        task: PlannedTask, parameters: [String: Value], baseDirectory: String, settings: Settings, pipelineName: String,
        runID: String, attempt: Int, journal: PaidWorkJournal, previousFiles: [StoredFile] = [],
        progress: @escaping @Sendable (String) -> Void,
        phase: @escaping @Sendable (TaskPhase) -> Void = { _ in }
    ) {
        self.task = task
        self.parameters = parameters
        self.baseDirectory = baseDirectory
        self.settings = settings
        self.pipelineName = pipelineName
        self.runID = runID
        self.attempt = attempt
        self.journal = journal
        self.progress = progress
        self.phase = phase
        self.previousFiles = previousFiles
    }

    /// Enters a phase of the work and reports it as progress: `"\(phase) \(detail)"`.
    public func enter(_ phase: TaskPhase, _ detail: String) {
        self.phase(phase)
        progress("\(phase.rawValue) \(detail)")
    }

    /// An absolute path for a path relative to the pipeline file's folder.
    public func absolutePath(_ path: String) -> String {
        PathText.resolve(path, against: baseDirectory)
    }

    /// The absolute output folder.
    public var outputDirectory: String { absolutePath(settings.outputDirectory) }

    /// A text parameter.
    public func string(_ name: String) -> String? { parameters[name]?.interpolated }

    /// A numeric parameter.
    public func number(_ name: String) -> Double? { parameters[name]?.numberValue }
}
