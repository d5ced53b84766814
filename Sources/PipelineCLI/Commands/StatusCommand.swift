import ArgumentParser
import Foundation
import PipelineStore

/// `pipeline status [RUN]` — one run's tasks by stage, with their errors.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show one run (the newest by default): its tasks by stage, with errors.",
        discussion: "RUN is a run id or a unique prefix of one (see `pipeline runs`)."
    )

    @Argument(help: "The run id or a unique prefix (default: the newest run).")
    var run: String?

    @Option(
        name: .customLong("file"), help: "The pipeline file: its state store, its stage order, and its newest run.",
        completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var location: StoreLocation

    @Flag(help: "List every task, not only those that failed or did not run.")
    var all = false

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let opened = try await location.open(file: file, json: format == .json)
        defer { try? opened.store.close() }
        let record = try await RunSelection.find(run, pipeline: opened.pipelineName, in: opened.store)
        let tasks = PlanOrder(opened.compilation).sorted(
            try await opened.store.tasksIncludingCached(of: record), stage: \.stage, task: \.taskID)
        let stageOrder = opened.compilation?.plan?.stages.map(\.name) ?? []
        let stages = StageTally.tally(tasks, order: stageOrder)
        // The ledger's view of the run's paid jobs: estimated, charged and final credits.
        let jobs = try await opened.store.paidJobs(keys: Array(Set(tasks.map(\.cacheKey))))
            .filter { $0.value.runID == record.id }
        let credits = StageCredits.tally(tasks, jobs: jobs)
        switch format {
        case .json:
            StandardStreams.out(
                try HistoryJSON.encode(
                    StatusJSON(
                        run: RunJSON(record, credits: credits), stages: stages, credits: credits,
                        tasks: tasks.map { TaskJSON($0, job: jobs[$0.cacheKey]) })))
        case .text:
            StandardStreams.out(
                text(record, stages: stages, tasks: tasks, jobs: Array(jobs.values), credits: credits))
        }
    }

    private func text(
        _ run: RunRecord, stages: [StageTally], tasks: [TaskRecord], jobs: [PaidJob], credits: [StageCredits]
    ) -> String {
        var out = "run \(run.id) of \(run.pipeline) (\(run.file))\n"
        let duration = run.finishedAt.map { " for " + HumanFormat.duration($0.timeIntervalSince(run.startedAt)) } ?? ""
        out +=
            "started \(HumanFormat.localTime(run.startedAt))\(duration) on \(run.host) (pid \(run.pid)): \(run.outcome.rawValue), "
        out += "\(run.totals.creditsSpent) credits spent\n"
        if let ledger = CreditDrift.line(jobs) { out += ledger }
        let cachedRows = tasks.filter { $0.status == .cached }.count
        if run.totals.tasksCached > cachedRows {
            out +=
                "\(run.totals.tasksCached - cachedRows) more cached tasks are counted on the run (their earlier runs were pruned)\n"
        }
        out += "\n"
        var table = TextTable(
            "STAGE", "TASKS>", "DONE>", "CACHED>", "FAILED>", "SKIPPED>", "UNCERTAIN>", "RUNNING>", "CREDITS>")
        for stage in stages {
            table.add(
                stage.name, "\(stage.tasks)", "\(stage.succeeded)", "\(stage.cached)", "\(stage.failed)",
                "\(stage.skipped)",
                "\(stage.uncertain)", "\(stage.running)", "\(stage.credits)")
        }
        out += table.render()
        // The ledger per stage: estimated vs charged vs final, and where they drift above 1 %.
        if !credits.isEmpty { out += "\n" + StageCredits.table(credits) }
        let shown = all ? tasks : tasks.filter { ![.succeeded, .cached].contains($0.status) }
        if !shown.isEmpty {
            out += "\n"
            // Already in plan order when the pipeline file is known; by stage then id otherwise.
            let order = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.name, $0) })
            let known = Dictionary(shown.enumerated().map { ($1.taskID, $0) }, uniquingKeysWith: { a, _ in a })
            let byStage = shown.sorted {
                (order[$0.stage] ?? 0, known[$0.taskID] ?? 0) < (order[$1.stage] ?? 0, known[$1.taskID] ?? 0)
            }
            for task in byStage {
                var line = "\(task.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(task.taskID)"
                if task.attempts > 1 { line += " (\(task.attempts) attempts)" }
                if task.credits > 0 { line += ", \(task.credits) credits" }
                if let error = task.error { line += ": \(error)" }
                out += line + "\n"
            }
        }
        return out
    }
}
