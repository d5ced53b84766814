import Foundation

/// Draws the live display: a header line and one line per stage (done / total, running, failed,
/// cached, credits, elapsed, ETA), each cut to the terminal's width.
struct ProgressBoard {
    var style: TerminalStyle
    var width: Int
    var height: Int

    func lines(_ progress: RunProgress, now: Date) -> [String] {
        let total = progress.total
        var header = StyledLine()
        header.add(progress.pipeline, .bold)
        header.add(
            "  \(total.finished)/\(total.total) tasks  \(HumanFormat.duration(now.timeIntervalSince(progress.started)))"
        )
        if total.credits > 0 || progress.creditsToSpend > 0 {
            header.add("  \(total.credits)/\(progress.creditsToSpend) credits")
        }
        if total.failed > 0 { header.add("  \(total.failed) failed", .red) }
        var lines = [header.render(style, width: width - 1)]

        let nameWidth = min(24, progress.stages.map(\.name.count).max() ?? 0)
        let countWidth = String(progress.stages.map(\.total).max() ?? 0).count
        let room = max(1, height - 2)
        for (index, stage) in progress.stages.enumerated() {
            if index == room - 1 && progress.stages.count > room {
                lines.append(style.paint("  … \(progress.stages.count - index) more stages", .dim))
                break
            }
            lines.append(
                line(stage, nameWidth: nameWidth, countWidth: countWidth, now: now).render(style, width: width - 1))
        }
        return lines
    }

    private func line(_ stage: StageProgress, nameWidth: Int, countWidth: Int, now: Date) -> StyledLine {
        var line = StyledLine()
        let done = stage.finished == stage.total
        line.add(
            done ? (stage.failed > 0 ? "✗ " : "✓ ") : (stage.running > 0 ? "▸ " : "  "),
            stage.failed > 0 ? .red : done ? .green : .cyan)
        let name = stage.name.count > nameWidth ? String(stage.name.prefix(nameWidth - 1)) + "…" : stage.name
        line.add(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0), .bold)
        if width >= 100 {
            let filled = stage.total == 0 ? 10 : stage.finished * 10 / stage.total
            line.add(" ")
            line.add(String(repeating: "█", count: filled), stage.failed > 0 ? .red : .green)
            line.add(String(repeating: "░", count: 10 - filled), .dim)
        }
        line.add(" " + pad(stage.finished, countWidth) + "/" + pad(stage.total, countWidth))
        line.add("  \(stage.running) running")
        line.add("  \(stage.failed) failed", stage.failed > 0 ? .red : nil)
        line.add("  \(stage.cached) cached", .dim)
        if stage.credits > 0 { line.add("  \(stage.credits) credits", .yellow) }
        if let elapsed = stage.elapsed(now: now) { line.add("  " + HumanFormat.duration(elapsed)) }
        if let eta = stage.eta(now: now) { line.add("  ETA " + HumanFormat.duration(eta), .cyan) }
        return line
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
