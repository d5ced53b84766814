import Foundation
import PipelineStore

extension HTMLReportWriter {
    /// The stage graph, coloured by outcome.
    func emitGraph(_ out: HTMLOutput) {
        out.write("<section id=\"graph\">\n<h2>Stage graph</h2>\n")
        if report.stages.isEmpty {
            out.write("<p class=\"muted\">The run recorded no task.</p>\n</section>\n")
            return
        }
        if report.edges.isEmpty && report.stages.count > 1 && report.pipelineFile == nil {
            out.write(
                "<p class=\"muted\">Stages as the run's tasks name them; the pipeline file could not be read, so no edges are drawn.</p>\n"
            )
        }
        out.write("<div class=\"graph-box\">\n")
        out.write(StageGraphSVG(stages: report.stages, edges: report.edges).render())
        out.write("\n</div>\n")
        let outcomes: [StageOutcome] = [.cached, .succeeded, .running, .skipped, .uncertain, .failed, .noTasks]
        out.write(legend(outcomes.map { (ReportStyle.colours($0).fill, $0.label) }))
        out.write(
            "<p class=\"muted\">A stage takes the colour of its worst task. Solid edges: <code>for_each</code> (task to task); dashed: <code>needs</code>.</p>\n"
        )
        out.write("</section>\n")
    }

    /// The tasks' timeline, and the tasks that did not run.
    func emitTimeline(_ out: HTMLOutput) {
        out.write("<section id=\"timeline\">\n<h2>Timeline</h2>\n")
        let timeline = TimelineSVG(run: report.run, tasks: report.tasks, rowLimit: timelineRowLimit)
        let rows = timeline.rows
        if let svg = timeline.render() {
            out.write(
                legend(ReportStyle.phaseColours.map { ($0.colour, $0.label) } + [("#d0312d", "failed or uncertain")]))
            out.write(
                "<p class=\"muted\">One row per task that waited or ran, in order of start; times from the run's start.</p>\n"
            )
            out.write("<div class=\"scroll\">\n\(svg)\n</div>\n")
            if rows.count > timelineRowLimit {
                out.write(
                    "<p class=\"muted timeline-more\">\(rows.count - timelineRowLimit) more tasks are not drawn (the first \(timelineRowLimit) by start time are).</p>\n"
                )
            }
        } else {
            out.write("<p class=\"muted\">No task ran in this run.</p>\n")
        }
        let idle = report.tasks.filter { $0.status == .cached || $0.status == .skipped }
        if !idle.isEmpty {
            let cached = idle.filter { $0.status == .cached }.count
            out.write(
                """
                <details class="not-run"><summary>\(ReportFormat.count(idle.count, "task")) did not run and have no bar: \
                \(cached) cached, \(idle.count - cached) skipped</summary>
                <ul>

                """)
            for task in idle.prefix(problemLimit) {
                out.write(
                    "<li data-status=\"\(task.status.rawValue)\"><code>\(HTMLText.escape(task.taskID))</code> — \(task.status.rawValue)</li>\n"
                )
            }
            if idle.count > problemLimit { out.write("<li>… and \(idle.count - problemLimit) more</li>\n") }
            out.write("</ul></details>\n")
        }
        out.write("</section>\n")
    }

    /// Credits per stage and the run's total; the ledger's estimated, charged and final credits
    /// per stage (a drift above 1 % flagged) and per paid task.
    func emitCredits(_ out: HTMLOutput) {
        out.write(
            """
            <section id="credits">
            <h2>Credits</h2>
            <table class="credits">
            <thead><tr><th>Stage</th><th>Type</th><th class="number">Tasks</th><th class="number">Done</th><th class="number">Cached</th>\
            <th class="number">Failed</th><th class="number">Skipped</th><th class="number">Credits</th>\
            <th class="number">Estimated</th><th class="number">Charged</th><th class="number">Final</th><th>Drift</th></tr></thead>
            <tbody>

            """)
        let paidByStage = Dictionary(grouping: report.paidCredits, by: \.stage)
        for stage in report.stages {
            out.write(
                """
                <tr data-stage="\(HTMLText.escape(stage.name))"><td>\(HTMLText.escape(stage.name))</td><td><code>\(HTMLText.escape(stage.typeName ?? "?"))</code></td>\
                <td class="number">\(stage.counts.total)</td><td class="number">\(stage.counts[.succeeded])</td>\
                <td class="number">\(stage.counts[.cached])</td><td class="number">\(stage.counts[.failed] + stage.counts[.uncertain])</td>\
                <td class="number">\(stage.counts[.skipped])</td><td class="number stage-credits">\(stage.credits)</td>\
                \(ledgerCells(paidByStage[stage.name] ?? []))</tr>

                """)
        }
        let run = report.run
        out.write(
            """
            <tr class="total"><td colspan="7">Tasks' credits, summed</td><td class="number">\(report.taskCredits)</td>\
            \(ledgerCells(report.paidCredits))</tr>
            <tr class="total"><td colspan="7">Credits the run recorded</td><td class="number run-credits">\(run.totals.creditsSpent)</td>\
            <td colspan="4"></td></tr>
            </tbody>
            </table>

            """)
        if run.finishedAt != nil && run.totals.creditsSpent != report.taskCredits {
            out.write(
                "<p class=\"muted\">The two totals differ: credits of paid jobs resumed from an earlier run are counted where they were charged.</p>\n"
            )
        }
        emitPaidTasks(out)
        out.write("</section>\n")
    }

    /// Estimated (the plan), charged (the create answers), final (the projects) and the drift flag
    /// of `paid`; dashes when there is none.
    func ledgerCells(_ paid: [TaskCredits]) -> String {
        guard !paid.isEmpty else {
            return "<td class=\"number\">–</td><td class=\"number\">–</td><td class=\"number\">–</td><td>–</td>"
        }
        let unpriced = paid.filter { $0.estimated == nil }.count
        let estimated = "\(paid.compactMap(\.estimated).reduce(0, +))" + (unpriced > 0 ? " + \(unpriced) unpriced" : "")
        let pending = paid.filter { $0.final == nil }.count
        let final = "\(paid.compactMap(\.final).reduce(0, +))" + (pending > 0 ? " (\(pending) pending)" : "")
        let drift = paid.contains(where: \.drift)
        return """
            <td class="number estimated">\(estimated)</td><td class="number charged">\(paid.map(\.charged).reduce(0, +))</td>\
            <td class="number final">\(final)</td>\
            <td class="drift\(drift ? " drifted" : "")">\(drift ? "above 1 %" : "within 1 %")</td>
            """
    }

    /// Every paid task of the run with its estimated, charged and final credits (folded).
    func emitPaidTasks(_ out: HTMLOutput) {
        guard !report.paidCredits.isEmpty else { return }
        let drifted = report.paidCredits.filter(\.drift).count
        out.write(
            """
            <details class="paid-tasks"\(drifted > 0 ? " open" : "")><summary>\(ReportFormat.count(report.paidCredits.count, "paid task")): \
            estimated, charged and final credits\(drifted > 0 ? " (\(drifted) drift above 1 %)" : "")</summary>
            <table class="credits"><thead><tr><th>Task</th><th>Project</th><th class="number">Estimated</th>\
            <th class="number">Charged</th><th class="number">Final</th><th>Drift</th></tr></thead><tbody>

            """)
        for task in report.paidCredits {
            out.write(
                """
                <tr data-task="\(HTMLText.escape(task.taskID))"><td><code>\(HTMLText.escape(task.taskID))</code></td>\
                <td><code>\(HTMLText.escape(task.projectID ?? "–"))</code></td>\
                <td class="number estimated">\(task.estimated.map(String.init) ?? "unpriced")</td>\
                <td class="number charged">\(task.charged)</td><td class="number final">\(task.final.map(String.init) ?? "pending")</td>\
                <td class="drift\(task.drift ? " drifted" : "")">\(task.drift ? "above 1 %" : "–")</td></tr>

                """)
        }
        out.write("</tbody></table></details>\n")
    }

    /// Failed and uncertain tasks with their messages; skipped tasks folded.
    func emitFailures(_ out: HTMLOutput) {
        out.write("<section id=\"failures\">\n<h2>Failures</h2>\n")
        let serious = report.problems.filter { $0.status != .skipped }
        let skipped = report.problems.filter { $0.status == .skipped }
        if serious.isEmpty && skipped.isEmpty {
            out.write("<p class=\"ok\">No task failed.</p>\n</section>\n")
            return
        }
        if serious.isEmpty { out.write("<p class=\"muted\">No task failed; some were skipped.</p>\n") }
        for problem in serious.prefix(problemLimit) {
            let attempts = problem.attempts > 0 ? " · \(ReportFormat.count(problem.attempts, "attempt"))" : ""
            let finished = problem.finishedAt.map { " · " + ReportFormat.date($0) } ?? ""
            out.write(
                """
                <article class="failure status-\(problem.status.rawValue)" data-task="\(HTMLText.escape(problem.taskID))">
                <h3>\(HTMLText.escape(problem.taskID))</h3>
                <p class="meta">stage <code>\(HTMLText.escape(problem.stage))</code> · <strong>\(problem.status.rawValue)</strong>\(attempts)\(finished)</p>
                <pre class="message">\(HTMLText.escape(problem.message))</pre>
                </article>

                """)
        }
        if serious.count > problemLimit {
            out.write(
                "<p class=\"muted\">… and \(serious.count - problemLimit) more failed or uncertain tasks (<code>pipeline status \(HTMLText.escape(report.run.id))</code> lists them all).</p>\n"
            )
        }
        if !skipped.isEmpty {
            out.write(
                """
                <details class="skipped"><summary>\(ReportFormat.count(skipped.count, "skipped task"))</summary>
                <table><thead><tr><th>Task</th><th>Why</th></tr></thead><tbody>

                """)
            for problem in skipped.prefix(problemLimit) {
                out.write(
                    "<tr data-task=\"\(HTMLText.escape(problem.taskID))\"><td><code>\(HTMLText.escape(problem.taskID))</code></td><td>\(HTMLText.escape(problem.message))</td></tr>\n"
                )
            }
            if skipped.count > problemLimit {
                out.write("<tr><td colspan=\"2\">… and \(skipped.count - problemLimit) more</td></tr>\n")
            }
            out.write("</tbody></table></details>\n")
        }
        out.write("</section>\n")
    }
}
