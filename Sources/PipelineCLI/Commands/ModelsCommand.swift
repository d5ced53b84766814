import ArgumentParser
import MagicHourRules

/// `pipeline models` — the dated catalog of Magic Hour video models the validator and planner use.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Print the Magic Hour video models: durations, resolutions, audio, end image, credits per second.",
        discussion: """
            The same catalog checks `magic_hour.image_to_video` stages and prices their tasks. "unpriced" means
            no price is published: such tasks plan as unpriced and `run` needs --allow-unpriced.
            """
    )

    @Option(help: "text: a table with the date and sources; json: every fact, for tools; markdown: the README's table.")
    var format: CatalogFormat = .text

    func run() throws {
        switch format {
        case .text:
            StandardStreams.out(CatalogTable().plain + "\n" + CatalogTable.sourcesText + "\n")
        case .json:
            StandardStreams.out(try CatalogJSON.text())
        case .markdown:
            StandardStreams.out(CatalogTable().markdown + "\n" + CatalogTable.sourcesText + "\n")
        }
    }
}
