import Foundation
import PipelineStore

/// Draws the tasks' timeline as inline SVG: one row per task that ran, a grey bar while it waited
/// for a slot (queued → started), then coloured segments for its phases until it finished.
struct TimelineSVG {
    /// One drawn segment of a row.
    struct Segment: Equatable {
        var phase: String
        var start: Date
        var end: Date
    }

    static let labelWidth = 330
    static let chartWidth = 840
    static let rowHeight = 18
    static let axisHeight = 26

    var run: RunRecord
    var tasks: [TaskRecord]
    /// The most rows drawn; the rest are counted below the chart.
    var rowLimit: Int

    /// The tasks that get a row: every task that waited or ran (cached and skipped ones did neither),
    /// in order of when they started.
    var rows: [TaskRecord] {
        tasks.filter { $0.status != .cached && $0.status != .skipped && ($0.startedAt != nil || $0.queuedAt != nil) }
            .sorted {
                ($0.startedAt ?? $0.queuedAt ?? .distantFuture, $0.taskID) < (
                    $1.startedAt ?? $1.queuedAt ?? .distantFuture, $1.taskID
                )
            }
    }

    /// The time span drawn: from the run's start (or its earliest task) to its end (or its latest mark).
    func span(_ rows: [TaskRecord]) -> (start: Date, end: Date) {
        var start = run.startedAt
        var end = run.finishedAt ?? run.startedAt
        for task in rows {
            for date in [task.queuedAt, task.startedAt, task.finishedAt].compactMap({ $0 }) + task.phases.map(\.at) {
                start = min(start, date)
                end = max(end, date)
            }
        }
        if end.timeIntervalSince(start) < 0.001 { end = start.addingTimeInterval(1) }
        return (start, end)
    }

    /// A task's segments: waiting (queued → started), then running split at each phase mark
    /// (a phase lasts until the next mark, or until the task finished, or until `end`).
    static func segments(of task: TaskRecord, end: Date) -> [Segment] {
        var result: [Segment] = []
        let finish = task.finishedAt ?? end
        if let queued = task.queuedAt {
            let waitEnd = min(task.startedAt ?? finish, finish)
            if waitEnd > queued { result.append(Segment(phase: "waiting", start: queued, end: waitEnd)) }
        }
        guard let started = task.startedAt else { return result }
        let marks = task.phases.filter { $0.at < finish }.sorted { $0.at < $1.at }
        var cursor = started
        var phase = "running"
        for mark in marks {
            let at = max(mark.at, started)
            if at > cursor { result.append(Segment(phase: phase, start: cursor, end: at)) }
            cursor = max(cursor, at)
            phase = mark.phase
        }
        if finish > cursor { result.append(Segment(phase: phase, start: cursor, end: finish)) }
        return result
    }

    /// A tick step that gives at most about eight ticks over `seconds`.
    static func tickStep(_ seconds: Double) -> Double {
        let steps: [Double] = [
            0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
        ]
        return steps.first { seconds / $0 <= 8 } ?? (seconds / 8).rounded(.up)
    }

    /// The `<svg>` element, or nil when no task ran.
    func render() -> String? {
        let all = rows
        guard !all.isEmpty else { return nil }
        let shown = Array(all.prefix(rowLimit))
        let (start, end) = span(all)
        let total = end.timeIntervalSince(start)
        let height = Self.axisHeight + shown.count * Self.rowHeight + 8
        let width = Self.labelWidth + Self.chartWidth + 16
        func x(_ date: Date) -> Double {
            Double(Self.labelWidth) + date.timeIntervalSince(start) / total * Double(Self.chartWidth)
        }
        var svg = """
            <svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-label="task timeline">

            """
        let step = Self.tickStep(total)
        var tick = 0.0
        while tick <= total + step / 1000 {
            let position = Double(Self.labelWidth) + tick / total * Double(Self.chartWidth)
            svg += """
                <line x1="\(Self.format(position))" y1="\(Self.axisHeight - 6)" x2="\(Self.format(position))" y2="\(height)" stroke="#eef1f4"/>\
                <text x="\(Self.format(position))" y="\(Self.axisHeight - 10)" font-size="10.5" fill="#7b8794" text-anchor="middle">+\(ReportFormat.offset(tick, step: step))</text>

                """
            tick += step
        }
        for (index, task) in shown.enumerated() {
            let top = Self.axisHeight + index * Self.rowHeight
            let segments = Self.segments(of: task, end: end)
            let failed = task.status == .failed || task.status == .uncertain
            let labelColour = failed ? "#b3261e" : "#1f2933"
            svg += """
                <g class="timeline-row" data-task="\(HTMLText.escape(task.taskID))" data-status="\(task.status.rawValue)">\
                <title>\(HTMLText.escape(Self.tooltip(task, segments: segments)))</title>\
                <text x="4" y="\(top + 13)" font-size="11" fill="\(labelColour)">\(HTMLText.escape(HTMLText.truncated(task.taskID, to: 52)))</text>
                """
            for segment in segments {
                let left = x(segment.start)
                let barWidth = max(1, x(segment.end) - left)
                let barHeight = segment.phase == "waiting" ? 6 : 12
                let barTop = top + (Self.rowHeight - barHeight) / 2
                svg +=
                    #"<rect class="phase phase-\#(HTMLText.escape(segment.phase))" x="\#(Self.format(left))" y="\#(barTop)" width="\#(Self.format(barWidth))" height="\#(barHeight)" rx="2" fill="\#(ReportStyle.phaseColour(segment.phase))"/>"#
            }
            if failed, let last = segments.last {
                svg +=
                    "<rect class=\"failed-mark\" x=\"\(Self.format(x(last.end) - 3))\" y=\"\(top + 2)\" width=\"6\" height=\"14\" fill=\"#d0312d\"/>"
            }
            svg += "</g>\n"
        }
        return svg + "</svg>"
    }

    /// `waited 0.2 s; ran 3.1 s: uploading 0.3 s, rendering 2.5 s…; failed`.
    static func tooltip(_ task: TaskRecord, segments: [Segment]) -> String {
        var parts: [String] = [task.taskID]
        if let waiting = segments.first(where: { $0.phase == "waiting" }) {
            parts.append("waited \(ReportFormat.duration(waiting.end.timeIntervalSince(waiting.start)))")
        }
        let running = segments.filter { $0.phase != "waiting" }
        if let first = running.first, let last = running.last {
            let phases = running.map { "\($0.phase) \(ReportFormat.duration($0.end.timeIntervalSince($0.start)))" }
            parts.append(
                "ran \(ReportFormat.duration(last.end.timeIntervalSince(first.start))): "
                    + phases.joined(separator: ", "))
        }
        parts.append(task.status.rawValue)
        return parts.joined(separator: "; ")
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
