import ArgumentParser
import PipelineLanguage

/// `pipeline types` — the stage types `uses:` can name, with what each costs.
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Print the stage types: the engine's four and one per Magic Hour generation endpoint, with prices.",
        discussion: """
            markdown prints the README's reference of the endpoint stage types (parameters, price, processing \
            time, outputs, an example), generated from the same declarations the validator and planner read.
            """
    )

    @Option(help: "text: one line per type; markdown: the README's reference of the endpoint stage types.")
    var format: TypesFormat = .text

    func run() throws {
        switch format {
        case .text: StandardStreams.out(StageTypeReference.plain())
        case .markdown: StandardStreams.out(StageTypeReference.markdown())
        }
    }
}

/// `pipeline types --format text|markdown`.
enum TypesFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case markdown
}
