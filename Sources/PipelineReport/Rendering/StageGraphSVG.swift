/// Draws the stage graph as inline SVG: one box per stage, coloured by its outcome, in columns by
/// depth (longest path from a root), with for_each (solid) and needs (dashed) edges.
struct StageGraphSVG {
    /// Where a stage's box is.
    struct Box: Equatable {
        var x: Int
        var y: Int
    }

    static let boxWidth = 210
    static let boxHeight = 82
    static let columnGap = 80
    static let rowGap = 22
    static let padding = 16

    var stages: [StageReport]
    var edges: [StageEdge]

    /// Each stage's box: column by depth, stacked in stage order, columns centred vertically.
    func layout() -> (boxes: [String: Box], width: Int, height: Int) {
        let columns = Dictionary(grouping: stages, by: \.depth)
        let columnCount = (columns.keys.max() ?? 0) + 1
        let tallest = columns.values.map(\.count).max() ?? 1
        let height = Self.padding * 2 + tallest * (Self.boxHeight + Self.rowGap) - Self.rowGap
        let width = Self.padding * 2 + columnCount * (Self.boxWidth + Self.columnGap) - Self.columnGap
        var boxes: [String: Box] = [:]
        for (depth, members) in columns {
            let offset = (tallest - members.count) * (Self.boxHeight + Self.rowGap) / 2
            for (row, stage) in members.enumerated() {
                boxes[stage.name] = Box(
                    x: Self.padding + depth * (Self.boxWidth + Self.columnGap),
                    y: Self.padding + offset + row * (Self.boxHeight + Self.rowGap))
            }
        }
        return (boxes, width, height)
    }

    /// The `<svg>` element.
    func render() -> String {
        let (boxes, width, height) = layout()
        var svg = """
            <svg class="stage-graph" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-label="stage graph">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#52606d"/></marker></defs>

            """
        for edge in edges {
            guard let from = boxes[edge.from], let to = boxes[edge.to] else { continue }
            let x1 = from.x + Self.boxWidth
            let y1 = from.y + Self.boxHeight / 2
            let x2 = to.x - 2
            let y2 = to.y + Self.boxHeight / 2
            let bend = max(30, (x2 - x1) / 2)
            let dash = edge.kind == .needs ? #" stroke-dasharray="6 4""# : ""
            svg += """
                <g class="stage-edge" data-from="\(HTMLText.escape(edge.from))" data-to="\(HTMLText.escape(edge.to))" data-kind="\(edge.kind.rawValue)">\
                <path d="M \(x1) \(y1) C \(x1 + bend) \(y1), \(x2 - bend) \(y2), \(x2) \(y2)" fill="none" stroke="#52606d" stroke-width="1.6"\(dash) marker-end="url(#arrow)"/>\
                <text x="\((x1 + x2) / 2)" y="\((y1 + y2) / 2 - 5)" font-size="10" fill="#7b8794" text-anchor="middle">\(edge.kind.rawValue)</text></g>

                """
        }
        for stage in stages {
            guard let box = boxes[stage.name] else { continue }
            svg += node(stage, at: box)
        }
        return svg + "</svg>"
    }

    private func node(_ stage: StageReport, at box: Box) -> String {
        let (fill, stroke, text) = ReportStyle.colours(stage.outcome)
        let dash = stage.outcome == .noTasks ? #" stroke-dasharray="5 4""# : ""
        let total = stage.counts.total
        var line2 = ReportFormat.count(total, "task")
        if stage.credits > 0 { line2 += " · \(stage.credits) credits" }
        let line3 = Self.statusSummary(stage.counts)
        let tooltip = "\(stage.name) (\(stage.typeName ?? "unknown type")): \(stage.outcome.label); \(line2); \(line3)"
        let cx = box.x + 12
        return """
            <g class="stage-node" data-stage="\(HTMLText.escape(stage.name))" data-outcome="\(stage.outcome.rawValue)">\
            <title>\(HTMLText.escape(tooltip))</title>\
            <rect x="\(box.x)" y="\(box.y)" width="\(Self.boxWidth)" height="\(Self.boxHeight)" rx="9" fill="\(fill)" stroke="\(stroke)" stroke-width="1.5"\(dash)/>\
            <text x="\(cx)" y="\(box.y + 22)" font-size="14" font-weight="700" fill="\(text)">\(HTMLText.escape(HTMLText.truncated(stage.name, to: 24)))</text>\
            <text x="\(cx)" y="\(box.y + 39)" font-size="11" fill="\(text)" opacity="0.85">\(HTMLText.escape(HTMLText.truncated(stage.typeName ?? "?", to: 30)))</text>\
            <text x="\(cx)" y="\(box.y + 56)" font-size="11.5" fill="\(text)">\(HTMLText.escape(line2))</text>\
            <text x="\(cx)" y="\(box.y + 72)" font-size="11.5" fill="\(text)">\(HTMLText.escape(HTMLText.truncated(line3, to: 34)))</text></g>

            """
    }

    /// `2 done · 1 failed`, naming each status that has tasks, worst last.
    static func statusSummary(_ counts: StatusCounts) -> String {
        let parts: [(Int, String)] = [
            (counts[.succeeded], "done"), (counts[.cached], "cached"),
            (counts[.queued] + counts[.running], "unfinished"),
            (counts[.skipped], "skipped"), (counts[.uncertain], "uncertain"), (counts[.failed], "failed"),
        ]
        let named = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return named.isEmpty ? "no tasks in this run" : named.joined(separator: " · ")
    }
}
