import ArgumentParser
import Foundation
import PipelineEngine
import PipelineLanguage
import PipelineStages
import PipelineStore

/// `pipeline plan FILE` — every task, what a run would do with it, and what it would cost.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show every task, whether it is cached, resumable or to run (and why), and the credits to spend.",
        discussion: "Reads input files and the state store to compute cache keys and statuses; writes nothing."
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @Flag(help: "Print only the stage table, not every task.")
    var summary = false

    @Option(help: "The state store file (overrides settings.state).")
    var state: String?

    @Option(
        help: "A private KEY=value file of environment variables for env.* (overrides settings.env_file).",
        completion: .file())
    var envFile: String?

    func run() async throws {
        let session = try CommandSession.make(file: file, envFile: envFile, options: RunOptions(statePath: state))
        try await Self.printPlan(session, format: format, summaryOnly: summary)
    }

    /// `note:` lines for the resizes that will not reach their target size (at most ten).
    static func resizeNotes(_ plan: Plan, compilation: Compilation) -> String {
        guard let base = compilation.pipeline?.baseDirectory else { return "" }
        let notes = ResizeTargetCheck.notes(for: plan, baseDirectory: base)
        var out = notes.prefix(10).map { "note: \($0)\n" }.joined()
        if notes.count > 10 {
            out += "note: … and \(notes.count - 10) more resizes that stay smaller than their target\n"
        }
        return out
    }

    /// Prints a plan with each task's disposition; opens the state store only if it exists.
    static func printPlan(_ session: PipelineSession, format: OutputFormat, summaryOnly: Bool) async throws {
        let compilation = session.compilation
        do {
            if !compilation.diagnostics.isEmpty {
                StandardStreams.error(DiagnosticRenderer(sources: [compilation.source]).text(compilation.diagnostics))
            }
            var store: (any StateStore)?
            if StoreOpener.exists(session.state) { store = try? await StoreOpener.open(session.state) }
            defer { try? store?.close() }
            if let store { await StoreLocation.closeCrashedRuns(in: store) }
            let prepared = try await session.prepare(store: store, runID: "<run>", saveFingerprints: false)
            var statuses: [String: String] = [:]
            for (id, disposition) in prepared.dispositions {
                if case .run(let reason) = disposition {
                    statuses[id] = "to run: \(reason.rawValue)"
                } else {
                    statuses[id] = disposition.label
                }
            }
            let renderer = PlanRenderer(
                plan: prepared.plan, statuses: statuses, creditsToSpend: prepared.creditsToSpend)
            switch format {
            case .text:
                StandardStreams.out(renderer.text(summaryOnly: summaryOnly))
                StandardStreams.out(resizeNotes(prepared.plan, compilation: compilation))
                StandardStreams.out(
                    await FleetLimitsText.text(
                        settings: prepared.plan.pipeline.settings, pipeline: prepared.plan.pipeline.name, store: store,
                        environment: session.options.environment))
            case .json: StandardStreams.out(renderer.json(diagnostics: compilation.diagnostics).prettyJSON + "\n")
            }
        } catch let error as EngineError {
            throw RunCommand.exitCode(for: error)
        }
    }
}
