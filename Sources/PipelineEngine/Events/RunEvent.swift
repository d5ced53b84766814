import Foundation

/// Something that happened during a run. Every display, log and report reads these.
public enum RunEvent: Sendable {
    /// The run has its plan and the dispositions of its tasks.
    case runStarted(RunStart)
    /// A task's outputs came from the cache; it does no work.
    case taskCached(task: String, stage: String)
    /// A task's attempt started (attempt 1 is the first).
    case taskStarted(task: String, stage: String, attempt: Int)
    /// A long task said where it is ("uploading", "rendering", "downloaded 4 MB").
    case taskProgress(task: String, stage: String, message: String)
    /// An attempt failed and another follows after `delay` seconds.
    case taskRetrying(task: String, stage: String, attempt: Int, delay: Double, error: String)
    /// A task finished; `credits` were spent by it in this run.
    case taskSucceeded(task: String, stage: String, credits: Int, seconds: Double)
    /// A task failed for good.
    case taskFailed(task: String, stage: String, error: String)
    /// A task did not run: a dependency failed, the run stopped early, or it is uncertain.
    case taskSkipped(task: String, stage: String, reason: String)
    /// Something the user must know that is not a task's outcome (a progress row the state store
    /// could not write).
    case warning(String)
    /// The run is over.
    case runFinished(RunSummary)
}

/// What a run starts with.
public struct RunStart: Sendable {
    /// One stage of the plan, in the plan's order.
    public struct Stage: Sendable, Equatable {
        public var name: String
        /// The stage type (`uses:`).
        public var typeName: String
        /// All of its tasks, cached ones included.
        public var tasks: Int
    }

    public var runID: String
    public var pipeline: String
    public var tasks: Int
    public var cached: Int
    public var resumable: Int
    public var uncertain: Int
    public var toRun: Int
    /// Tasks whose paid job another live run is creating: this run waits and resumes it.
    public var held: Int = 0
    /// Credits the tasks to run will spend (resumed jobs are already paid for).
    public var creditsToSpend: Int
    /// The stages, in the plan's order.
    public var stages: [Stage]
}
