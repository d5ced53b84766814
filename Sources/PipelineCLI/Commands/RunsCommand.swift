import ArgumentParser
import Foundation
import PipelineStore

/// `pipeline runs [FILE]` — recent runs from the state store.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recent runs: start, duration, outcome, tasks done/cached/failed, credits.",
        discussion: "With FILE, only that pipeline's runs (from its settings.state); without, every run in the store."
    )

    @Argument(help: "The pipeline file (optional).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var location: StoreLocation

    @Option(name: [.customShort("n"), .long], help: "How many runs to show, newest first.")
    var limit = 20

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        // Before any run there is no store: for a tool, no runs (`[]`), not an error; a person
        // is told where the store was looked for.
        if format == .json, !StoreOpener.exists(try location.resolve(file: file).state) {
            StandardStreams.out("[]\n")
            return
        }
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        let runs = try await opened.store.runs(pipeline: opened.pipelineName, limit: limit)
        switch format {
        case .json:
            StandardStreams.out(try HistoryJSON.encode(runs.map(RunJSON.init)))
        case .text:
            guard !runs.isEmpty else {
                StandardStreams.out("no runs yet\n")
                return
            }
            let showPipeline = Set(runs.map(\.pipeline)).count > 1 || opened.pipelineName == nil
            var table =
                showPipeline
                ? TextTable(
                    "RUN", "PIPELINE", "STARTED", "DURATION>", "OUTCOME", "TASKS>", "DONE>", "CACHED>", "FAILED>",
                    "SKIPPED>", "CREDITS>")
                : TextTable(
                    "RUN", "STARTED", "DURATION>", "OUTCOME", "TASKS>", "DONE>", "CACHED>", "FAILED>", "SKIPPED>",
                    "CREDITS>")
            for run in runs {
                var cells = [run.id]
                if showPipeline { cells.append(run.pipeline) }
                cells += [
                    HumanFormat.localTime(run.startedAt),
                    run.finishedAt.map { HumanFormat.duration($0.timeIntervalSince(run.startedAt)) } ?? "-",
                    run.outcome.rawValue, "\(run.tasksTotal)", "\(run.tasksSucceeded)", "\(run.tasksCached)",
                    "\(run.tasksFailed)",
                    "\(run.tasksSkipped)", "\(run.creditsSpent)",
                ]
                table.add(cells)
            }
            StandardStreams.out(table.render())
        }
    }
}
