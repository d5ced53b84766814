import ArgumentParser
import PipelineLanguage

/// `pipeline plan FILE` — every task, its cost, and the totals, without running anything.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show every task the pipeline would run, with credits per stage and in total.",
        discussion: "Reads input files to compute cache keys; writes nothing."
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @Flag(help: "Print only the stage table, not every task.")
    var summary = false

    func run() throws {
        let compilation = try CompiledFile.load(file, options: PlanOptions(computeCacheKeys: true))
        guard let plan = compilation.plan else { throw PipelineExitCode.invalidFile }
        let renderer = PlanRenderer(plan: plan)
        switch format {
        case .text: StandardStreams.out(renderer.text(summaryOnly: summary))
        case .json: StandardStreams.out(renderer.json(diagnostics: compilation.diagnostics).prettyJSON + "\n")
        }
    }
}
