import PipelineLanguage

/// Runs the tasks of one stage type. The engine calls `execute` once per attempt, possibly
/// from several tasks at once, and cancels it (Swift task cancellation) on timeout or Ctrl-C.
public protocol StageExecutor: Sendable {
    /// Does the task's work and returns its outputs.
    ///
    /// Throw ``TaskFailure`` to say whether another attempt could help.
    func execute(_ context: TaskContext) async throws -> TaskResult
}
