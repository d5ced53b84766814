import ArgumentParser
import PipelineLanguage

extension GraphRenderer.Format: ExpressibleByArgument {}

/// `pipeline graph FILE` — the stage graph (or task graph) as DOT or Mermaid.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the stage graph, or with --tasks the task graph, as Graphviz DOT or Mermaid."
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "dot (Graphviz) or mermaid.")
    var format: GraphRenderer.Format = .dot

    @Flag(help: "Draw every task and its dependencies instead of the stages.")
    var tasks = false

    func run() throws {
        let compilation = try CompiledFile.load(file, options: PlanOptions(computeCacheKeys: false))
        guard let plan = compilation.plan else { throw PipelineExitCode.invalidFile }
        let renderer = GraphRenderer(plan: plan)
        StandardStreams.out(tasks ? renderer.tasks(format) : renderer.stages(format))
    }
}
