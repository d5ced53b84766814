import ArgumentParser

/// The exit codes `pipeline` documents (README, "Exit codes").
enum PipelineExitCode {
    /// Every task succeeded (or the file is valid).
    static let success = ExitCode(0)
    /// At least one task failed.
    static let taskFailures = ExitCode(1)
    /// The pipeline file is invalid, or the command line is wrong.
    static let invalidFile = ExitCode(2)
    /// Another run holds the pipeline's lock and `overlap: skip` applies.
    static let lockHeld = ExitCode(3)
    /// A paid job may exist without its id on record; rerun with --resubmit-uncertain after checking.
    static let uncertainPaidWork = ExitCode(4)
    /// The credits still to spend exceed `settings.budget_credits`; nothing was started.
    static let overBudget = ExitCode(5)
    /// Interrupted by SIGINT or SIGTERM.
    static let interrupted = ExitCode(130)
}
