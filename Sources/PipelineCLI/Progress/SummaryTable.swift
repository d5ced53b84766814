import Foundation
import PipelineEngine

/// The table every display prints when a run ends: one row per stage and a total.
enum SummaryTable {
    static func text(_ progress: RunProgress, summary: RunSummary, width: Int? = nil) -> String {
        table(progress, summary: summary, width: width) + outcomeLine(summary)
    }

    /// The table alone, without the outcome line.
    static func table(_ progress: RunProgress, summary: RunSummary, width: Int? = nil) -> String {
        var table = TextTable("STAGE", "TASKS>", "DONE>", "CACHED>", "FAILED>", "SKIPPED>", "CREDITS>", "TIME>")
        let now = Date()
        func row(_ stage: StageProgress) {
            table.add(
                stage.name, "\(stage.total)", "\(stage.succeeded)", "\(stage.cached)", "\(stage.failed)",
                "\(stage.skipped)",
                "\(stage.credits)", stage.elapsed(now: now).map(HumanFormat.duration) ?? "-")
        }
        progress.stages.forEach(row)
        table.add(
            "total", "\(summary.tasks)", "\(summary.succeeded)", "\(summary.cached)", "\(summary.failed)",
            "\(summary.skipped + summary.uncertain)", "\(summary.creditsSpent)", HumanFormat.duration(summary.seconds))
        return table.render(width: width)
    }

    /// `succeeded: 3 done, 0 cached, … ; 300 credits spent in 2.1s`
    static func outcomeLine(_ summary: RunSummary) -> String {
        let elsewhere = summary.doneElsewhere > 0 ? " (\(summary.doneElsewhere) by other workers)" : ""
        return
            "\(summary.outcome.rawValue): \(summary.succeeded) done\(elsewhere), \(summary.cached) cached, \(summary.failed) failed, "
            + "\(summary.skipped) skipped, \(summary.uncertain) uncertain; \(summary.creditsSpent) credits spent in "
            + HumanFormat.duration(summary.seconds) + "\n"
    }
}
