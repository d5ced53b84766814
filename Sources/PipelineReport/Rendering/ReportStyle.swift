/// The page's colours and style sheet (inline: the page loads nothing).
enum ReportStyle {
    /// Fill, stroke and text colour of a stage box with this outcome.
    static func colours(_ outcome: StageOutcome) -> (fill: String, stroke: String, text: String) {
        switch outcome {
        case .noTasks: ("#ffffff", "#9aa5b1", "#52606d")
        case .cached: ("#b8cde6", "#6f8fb5", "#1f2933")
        case .succeeded: ("#2e8b57", "#1e5e3a", "#ffffff")
        case .running: ("#4a7bd0", "#2c5299", "#ffffff")
        case .skipped: ("#c5cad0", "#8a939c", "#1f2933")
        case .uncertain: ("#e6a700", "#a67800", "#1f2933")
        case .failed: ("#d0312d", "#8f1d1a", "#ffffff")
        }
    }

    /// The colour of a run outcome badge.
    static func outcomeColour(_ outcome: String) -> String {
        switch outcome {
        case "succeeded": "#2e8b57"
        case "failed": "#d0312d"
        case "uncertain": "#e6a700"
        case "running": "#4a7bd0"
        default: "#7b8794"
        }
    }

    /// Timeline segments: waiting, then running, subdivided by phase.
    static let phaseColours: [(name: String, colour: String, label: String)] = [
        ("waiting", "#d6dbe1", "waiting for a slot"),
        ("running", "#6b8fc7", "running"),
        ("resizing", "#4c8bf5", "resizing"),
        ("uploading", "#8e6cd1", "uploading"),
        ("rendering", "#f29e38", "rendered remotely"),
        ("downloading", "#2a9d8f", "downloading"),
        ("renaming", "#a0785a", "renaming"),
    ]

    /// The colour of a phase (a neutral grey for names this version does not know).
    static func phaseColour(_ phase: String) -> String {
        phaseColours.first { $0.name == phase }?.colour ?? "#7f8c8d"
    }

    /// The style sheet.
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; background: #f5f7fa; }
        h1 { margin: 0 0 4px; font-size: 26px; }
        h2 { margin: 0 0 12px; font-size: 19px; }
        h3 { margin: 0 0 4px; font-size: 14px; word-break: break-all; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
        section, header.summary { background: #ffffff; border: 1px solid #dde3ea; border-radius: 10px; padding: 18px 22px; margin: 0 0 18px; }
        nav { margin: 0 0 18px; display: flex; gap: 14px; flex-wrap: wrap; }
        nav a { color: #2c5299; text-decoration: none; }
        .subtitle { margin: 0 0 14px; color: #52606d; }
        .badge { display: inline-block; padding: 1px 10px; border-radius: 999px; color: #ffffff; font-weight: 600; font-size: 13px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 18px; margin: 0; }
        dl.facts dt { color: #52606d; }
        dl.facts dd { margin: 0; font-weight: 600; word-break: break-all; }
        ul.notes { margin: 12px 0 0; padding-left: 20px; color: #8f1d1a; }
        .legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 10px 0 0; font-size: 12.5px; color: #52606d; }
        .legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -2px; border-radius: 3px; background: var(--swatch); border: 1px solid rgba(0,0,0,0.2); }
        .scroll { overflow: auto; max-height: 720px; border: 1px solid #eef1f4; border-radius: 6px; }
        .graph-box { overflow-x: auto; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #eef1f4; }
        th { color: #52606d; font-weight: 600; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        tr.total td { font-weight: 700; border-top: 2px solid #dde3ea; }
        .failure { border-left: 4px solid #d0312d; padding: 8px 12px; margin: 0 0 10px; background: #fdf3f2; border-radius: 0 6px 6px 0; }
        .failure.status-uncertain { border-color: #e6a700; background: #fff8e6; }
        .failure .meta { color: #52606d; font-size: 12.5px; margin: 0 0 6px; }
        .failure pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
        .ok { color: #1e5e3a; font-weight: 600; }
        .muted { color: #52606d; }
        .drifted { color: #b42318; font-weight: 600; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 14px; }
        .grid.videos { grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }
        figure { margin: 0; background: #f5f7fa; border: 1px solid #dde3ea; border-radius: 8px; padding: 8px; }
        figure img, figure video { display: block; max-width: 100%; margin: 0 auto 6px; border-radius: 4px; background: #1f2933; }
        figure video { width: 100%; }
        figcaption { font-size: 12px; color: #52606d; word-break: break-all; }
        .placeholder { display: flex; align-items: center; justify-content: center; height: 120px; margin: 0 0 6px; border: 2px dashed #d0312d; border-radius: 4px; color: #8f1d1a; font-weight: 600; }
        .linked-note { color: #8a5a00; }
        details { margin: 10px 0 0; }
        summary { cursor: pointer; color: #2c5299; }
        footer { color: #7b8794; font-size: 12px; }
        """
}
