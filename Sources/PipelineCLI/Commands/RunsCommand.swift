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
        // Each run's paid jobs by stage, from the ledger: estimated vs charged.
        var credits: [String: [StageCredits]] = [:]
        for run in runs {
            let tasks = try await opened.store.tasksIncludingCached(of: run)
            let jobs = try await opened.store.paidJobs(keys: Array(Set(tasks.map(\.cacheKey))))
                .filter { $0.value.runID == run.id }
            credits[run.id] = StageCredits.tally(tasks, jobs: jobs)
        }
        switch format {
        case .json:
            StandardStreams.out(try HistoryJSON.encode(runs.map { RunJSON($0, credits: credits[$0.id] ?? []) }))
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
                    "SKIPPED>", "CREDITS>", "ESTIMATED>", "CHARGED>")
                : TextTable(
                    "RUN", "STARTED", "DURATION>", "OUTCOME", "TASKS>", "DONE>", "CACHED>", "FAILED>", "SKIPPED>",
                    "CREDITS>", "ESTIMATED>", "CHARGED>")
            var drifted: [String] = []
            for run in runs {
                var cells = [run.id]
                if showPipeline { cells.append(run.pipeline) }
                cells += [
                    HumanFormat.localTime(run.startedAt),
                    run.finishedAt.map { HumanFormat.duration($0.timeIntervalSince(run.startedAt)) } ?? "-",
                    run.outcome.rawValue, "\(run.totals.tasksTotal)", "\(run.totals.tasksSucceeded)",
                    "\(run.totals.tasksCached)",
                    "\(run.totals.tasksFailed)",
                    "\(run.totals.tasksSkipped)", "\(run.totals.creditsSpent)",
                ]
                // Estimated vs charged by the ledger; `*` marks a drift above 1 % in some stage.
                let stages = credits[run.id] ?? []
                let total = StageCredits.total(stages)
                cells +=
                    stages.isEmpty ? ["-", "-"] : [total.estimatedText, "\(total.charged)\(total.drift ? "*" : "")"]
                if total.drift {
                    drifted.append(
                        "\(run.id): "
                            + stages.filter(\.drift).map { "\($0.stage) \($0.estimated) → \($0.charged)" }
                            .joined(separator: ", "))
                }
                table.add(cells)
            }
            StandardStreams.out(table.render())
            if !drifted.isEmpty {
                StandardStreams.out(
                    "* charged or final credits drift above 1 % from the estimate (`pipeline status RUN` shows each stage): "
                        + drifted.joined(separator: "; ") + "\n")
            }
        }
    }
}
