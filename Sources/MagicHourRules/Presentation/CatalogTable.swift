/// The model catalog as rows of text: one renderer for `pipeline models` and the README table.
public struct CatalogTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(models: [VideoModel] = VideoModelCatalog.models) {
        headers =
            ["model", "durations (s)", "audio", "end image"]
            + VideoResolution.allCases.map { "\($0.rawValue) credits/s" } + ["legacy → model", "facts of"]
        rows = models.map { model in
            [
                model.id, model.durationText, model.audio.rawValue, Self.endImageText(model.endImage),
            ] + VideoResolution.allCases.map { Self.priceText(model, $0) } + [
                model.legacy.map { "\($0.mapsTo) (\($0.note))" } ?? model.serverChoice.map(Self.choiceText) ?? "–",
                model.source.date,
            ]
        }
    }

    /// `–` where the model does not render the resolution, `unpriced` where no price is
    /// published, else credits per second with the audio surcharge.
    static func priceText(_ model: VideoModel, _ resolution: VideoResolution) -> String {
        guard model.resolutions.contains(resolution) else { return "–" }
        guard let price = model.prices[resolution] else { return "unpriced" }
        guard model.audio != .none else { return "\(price.creditsPerSecond)" }
        switch price.audioCreditsPerSecond {
        case nil: return "\(price.creditsPerSecond) (audio unpriced)"
        case 0?: return "\(price.creditsPerSecond)"
        case let extra?: return "\(price.creditsPerSecond) +\(extra) audio"
        }
    }

    /// `server's choice: kling-3.0 (paid tiers), ltx-2.5 (free)`.
    static func choiceText(_ choice: ServerChoice) -> String {
        "server's choice: \(choice.paidTiers) (paid tiers), \(choice.freeTier) (free)"
    }

    static func endImageText(_ support: EndImageSupport) -> String {
        guard support.isSupported else { return "no" }
        let text = support.resolutions.map(\.rawValue).joined(separator: ", ")
        return support.maximumSeconds.map { text + " (≤ \(SecondsFormat.format($0)) s)" } ?? text
    }

    /// The sources line printed under the table.
    public static var sourcesText: String {
        "Facts as of \(VideoModelCatalog.asOf). Sources: "
            + VideoModelCatalog.sources.map { "\($0.reference) (\($0.date))" }.joined(separator: "; ") + "."
    }

    /// A GitHub-flavoured Markdown table.
    public var markdown: String {
        var lines = ["| " + headers.joined(separator: " | ") + " |"]
        lines.append("|" + headers.map { _ in "---|" }.joined())
        for row in rows {
            lines.append("| " + row.map { $0.replacingPipes }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns padded to the widest cell, for a terminal.
    public var plain: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

extension VideoModel {
    /// `3–15`, or `any 5–60 (480p: 5, 10)`.
    var durationText: String {
        var text = durations.text
        for (resolution, rule) in durationsByResolution.sorted(by: { $0.key < $1.key }) {
            text += " (\(resolution.rawValue): \(rule.text))"
        }
        return text
    }
}

extension String {
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
