import Foundation
import PipelineStore

/// The outcome of a run, counted by task.
public struct RunSummary: Sendable {
    public var runID: String
    public var outcome: RunOutcome
    public var tasks: Int
    public var succeeded: Int
    public var cached: Int
    public var failed: Int
    public var skipped: Int
    public var uncertain: Int
    public var creditsSpent: Int
    public var seconds: Double
    /// Failures by task id, for the closing report.
    public var failures: [(task: String, error: String)]
    /// Progress rows the state store could not write (the run went on; history is incomplete).
    public var storeErrors: [String]
    /// Tasks whose recorded project the API no longer knows: bought again only by a later run
    /// whose plan shows them.
    public var projectsGone: Int
    /// In a shared run, tasks another worker did (counted in ``succeeded``).
    public var doneElsewhere = 0
    /// Tasks refused before their create because a credit limit had no room ("budget reached").
    public var budgetRefused: Int

    public init(runID: String) {
        self.runID = runID
        self.outcome = .running
        self.tasks = 0
        self.succeeded = 0
        self.cached = 0
        self.failed = 0
        self.skipped = 0
        self.uncertain = 0
        self.creditsSpent = 0
        self.seconds = 0
        self.failures = []
        self.storeErrors = []
        self.projectsGone = 0
        self.budgetRefused = 0
    }

    public var totals: RunTotals {
        RunTotals(
            creditsSpent: creditsSpent, tasksTotal: tasks, tasksSucceeded: succeeded, tasksCached: cached,
            tasksFailed: failed, tasksSkipped: skipped + uncertain)
    }
}
