import Foundation
import PipelineStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a ``RunReport`` as one self-contained HTML page: inline style, inline SVG, thumbnails and
/// videos as `data:` URIs (or, past the embed limit, links relative to the page). The page loads
/// nothing from the network, and every text from the store or the disk is HTML-escaped.
package struct HTMLReportWriter: Sendable {
    /// What to show.
    package var report: RunReport
    /// How the images and videos appear.
    package var media: ReportMedia
    /// The most timeline rows drawn.
    package var timelineRowLimit: Int
    /// The most failures (and, separately, skipped tasks) listed.
    package var problemLimit: Int
    /// When the page was made (shown in its footer).
    package var generatedAt: Date

    /// Creates a writer.
    package init(
        report: RunReport, media: ReportMedia, timelineRowLimit: Int = 500, problemLimit: Int = 300,
        generatedAt: Date = Date()
    ) {
        self.report = report
        self.media = media
        self.timelineRowLimit = timelineRowLimit
        self.problemLimit = problemLimit
        self.generatedAt = generatedAt
    }

    /// The page as text (embedded videos included: mind the size).
    package func html() -> String {
        let output = HTMLOutput(handle: nil)
        emit(output)
        output.flush()
        return String(decoding: output.memory, as: UTF8.self)
    }

    /// Writes the page to `path`, through a temporary file renamed over it, so that a reader never
    /// sees half a page and a failure leaves any earlier report in place.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)``.
    package func write(to path: String) throws(ReportError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(UInt32.random(in: 0...UInt32.max)).part"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let output = HTMLOutput(handle: handle)
        emit(output)
        output.flush()
        try? handle.close()
        if let failure = output.failure {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// The whole document.
    func emit(_ out: HTMLOutput) {
        let run = report.run
        out.write(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="pipeline report">
            <title>\(HTMLText.escape("\(run.pipeline) · run \(run.id)")) · pipeline report</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>

            """)
        emitHeader(out)
        out.write(
            """
            <nav><a href="#graph">Stage graph</a><a href="#timeline">Timeline</a><a href="#credits">Credits</a>\
            <a href="#failures">Failures</a><a href="#images">Resized images</a><a href="#videos">Videos</a></nav>

            """)
        emitGraph(out)
        emitTimeline(out)
        emitCredits(out)
        emitFailures(out)
        emitImages(out)
        emitVideos(out)
        out.write(
            """
            <footer>Made by <code>pipeline report</code> at \(ReportFormat.date(generatedAt)). \
            Self-contained: the page loads nothing from the network.</footer>
            </body>
            </html>

            """)
    }

    /// Name, run id, times, outcome, counts, credits, and notes.
    private func emitHeader(_ out: HTMLOutput) {
        let run = report.run
        let counts = report.counts
        // A finished run's own counters; a run still marked running (or whose process died) has
        // none yet, so count its tasks instead.
        let recorded = run.finishedAt != nil
        let done = recorded ? run.totals.tasksSucceeded : counts[.succeeded]
        let cached = recorded ? run.totals.tasksCached : counts[.cached]
        let failed = recorded ? run.totals.tasksFailed : counts[.failed]
        let skipped = recorded ? run.totals.tasksSkipped : counts[.skipped]
        let total = recorded ? run.totals.tasksTotal : counts.total
        let credits = recorded ? run.totals.creditsSpent : report.taskCredits
        let duration =
            run.finishedAt.map { ReportFormat.duration($0.timeIntervalSince(run.startedAt)) } ?? "not finished"
        var facts: [(String, String)] = [
            ("Run", "<code>\(HTMLText.escape(run.id))</code>"),
            ("Outcome", badge(run.outcome.rawValue)),
            ("Started", ReportFormat.date(run.startedAt)),
            ("Finished", run.finishedAt.map(ReportFormat.date) ?? "—"),
            ("Duration", duration),
            ("Credits spent", "<span class=\"credits-total\">\(credits)</span>"),
            ("Tasks", "\(total)"),
            ("Done", "\(done)"),
            ("Cached", "\(cached)"),
            ("Failed", "\(failed)"),
            ("Skipped", "\(skipped)"),
        ]
        if counts[.uncertain] > 0 { facts.append(("Uncertain", "\(counts[.uncertain])")) }
        facts.append(("Pipeline file", "<code>\(HTMLText.escape(report.pipelineFile ?? run.file))</code>"))
        out.write(
            """
            <header class="summary" id="summary">
            <h1>\(HTMLText.escape(run.pipeline))</h1>
            <p class="subtitle">Run <code>\(HTMLText.escape(run.id))</code> · \(badge(run.outcome.rawValue)) · \
            \(ReportFormat.count(total, "task")), \(credits) credits</p>
            <dl class="facts">

            """)
        for (term, value) in facts {
            out.write(
                "<dt>\(term)</dt><dd data-fact=\"\(term.lowercased().replacingOccurrences(of: " ", with: "-"))\">\(value)</dd>\n"
            )
        }
        out.write("</dl>\n")
        if !report.notes.isEmpty {
            out.write("<ul class=\"notes\">\n")
            for note in report.notes { out.write("<li>\(HTMLText.escape(note))</li>\n") }
            out.write("</ul>\n")
        }
        out.write("</header>\n")
    }

    func badge(_ outcome: String) -> String {
        "<span class=\"badge outcome-\(HTMLText.escape(outcome))\" style=\"background:\(ReportStyle.outcomeColour(outcome))\">\(HTMLText.escape(outcome))</span>"
    }

    /// A legend entry: a colour swatch and its meaning.
    func legend(_ entries: [(colour: String, label: String)]) -> String {
        "<div class=\"legend\">"
            + entries.map { "<span style=\"--swatch:\($0.colour)\">\(HTMLText.escape($0.label))</span>" }.joined()
            + "</div>\n"
    }
}
