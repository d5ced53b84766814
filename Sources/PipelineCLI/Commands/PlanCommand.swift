import ArgumentParser
import Foundation
import MagicHourRules
import PipelineBasics
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

    @Option(
        help: ArgumentHelp(
            "The Magic Hour tier to plan `default` for without a key: free, creator, pro or business (overrides settings.tier).",
            discussion: "With MAGIC_HOUR_API_KEY set, the account's own tier is used and its balance shown."))
    var tier: AccountTier?

    @Option(
        help: "Magic Hour API base URL for the account (default: $MAGIC_HOUR_BASE_URL or https://api.magichour.ai).")
    var apiBaseURL: String?

    func run() async throws {
        var options = RunOptions(statePath: state)
        options.tier = tier
        var session = try CommandSession.make(file: file, envFile: envFile, options: options, withCacheKeys: true)
        // With a key: the balance, and `default` planned on the account's own tier.
        var account: AccountLookup?
        switch await AccountLookup.read(environment: session.options.environment, baseURL: apiBaseURL) {
        case .success(let found)?:
            account = found
            if let accountTier = found.tier, accountTier != session.options.tier {
                var retiered = session.options
                retiered.tier = accountTier
                do {
                    session = try PipelineSession(decoded: session.compilation, options: retiered, withCacheKeys: true)
                } catch {
                    throw RunCommand.exitCode(for: error)
                }
            }
        case .failure(let failure)?:
            StandardStreams.error(
                "warning: could not read the Magic Hour account (\(failure.message)); no balance shown\n")
        case nil: break
        }
        try await Self.printPlan(session, format: format, summaryOnly: summary, account: account)
        ExitRetained.keep(session)
    }

    /// `balance: 9000 credits (creator tier); this plan needs 2160: enough`.
    static func balanceLine(_ account: AccountLookup, toSpend: Int) -> String {
        let tier = account.tier.map { " (\($0.rawValue) tier)" } ?? ""
        let verdict =
            toSpend <= account.credits ? "enough" : "\(toSpend - account.credits) short: a run would be refused"
        return "balance: \(account.credits) credits\(tier); this plan needs \(toSpend): \(verdict)\n"
    }

    /// `note:` lines for the stages whose credits are estimates, and for the resizes that will not
    /// reach their target size (at most ten).
    static func resizeNotes(_ plan: Plan, compilation: Compilation) -> String {
        guard let base = compilation.pipeline?.baseDirectory else { return "" }
        let notes = ResizeTargetCheck.notes(for: plan, baseDirectory: base)
        var out = PriceEstimateNotes.notes(for: plan).map { "note: \($0)\n" }.joined()
        out += notes.prefix(10).map { "note: \($0)\n" }.joined()
        if notes.count > 10 {
            out += "note: … and \(notes.count - 10) more resizes that stay smaller than their target\n"
        }
        return out
    }

    /// Prints a plan with each task's disposition; opens the state store only if it exists. The
    /// prepared run is kept to the process's exit (``ExitRetained``): the commands that call this
    /// (`plan`, `run --dry-run`) end once it has printed.
    static func printPlan(
        _ session: PipelineSession, format: OutputFormat, summaryOnly: Bool, account: AccountLookup? = nil
    ) async throws {
        let compilation = session.compilation
        // The notes read a header per photo to resize: on other threads while the store is read
        // and the table is made. The tasks are the ones the prepared run prints (the same files).
        let plan = session.plan
        async let notes = format == .text ? (try? Blocking.run { resizeNotes(plan, compilation: compilation) }) : nil
        do {
            if !compilation.diagnostics.isEmpty {
                StandardStreams.error(DiagnosticRenderer(sources: [compilation.source]).text(compilation.diagnostics))
            }
            var store: (any StateStore)?
            if StoreOpener.exists(session.state) {
                store = try? await StoreOpener.open(session.state, environment: session.options.environment)
            }
            defer { try? store?.close() }
            if let store { await StoreLocation.closeCrashedRuns(in: store) }
            let prepared = try await session.prepare(store: store, runID: "<run>", saveFingerprints: false)
            defer { ExitRetained.keep(prepared) }
            let creditsToSpend = prepared.creditsToSpend
            // One string per distinct status, shared by every task that has it.
            var labels: [String: String] = [:]
            func label(_ disposition: TaskDisposition) -> String {
                guard case .run(let reason) = disposition else { return disposition.label }
                if let label = labels[reason.rawValue] { return label }
                let label = "to run: \(reason.rawValue)"
                labels[reason.rawValue] = label
                return label
            }
            let renderer: PlanRenderer
            if summaryOnly && format == .text {
                // The table says only how many tasks have each status.
                var counts: [String: Int] = [:]
                for disposition in prepared.dispositions.all { counts[label(disposition), default: 0] += 1 }
                renderer = PlanRenderer(plan: prepared.plan, statusCounts: counts, creditsToSpend: creditsToSpend)
            } else {
                var statuses: [String: String] = [:]
                let tasks = prepared.plan.tasks
                statuses.reserveCapacity(tasks.count)
                for index in tasks.indices {
                    if let disposition = prepared.dispositions[position: index] {
                        statuses[tasks[index].id] = label(disposition)
                    }
                }
                renderer = PlanRenderer(plan: prepared.plan, statuses: statuses, creditsToSpend: creditsToSpend)
            }
            switch format {
            case .text:
                StandardStreams.out(renderer.text(summaryOnly: summaryOnly))
                if let account { StandardStreams.out(balanceLine(account, toSpend: creditsToSpend)) }
                StandardStreams.out(await notes ?? resizeNotes(prepared.plan, compilation: compilation))
                StandardStreams.out(
                    await FleetLimitsText.text(
                        settings: prepared.plan.pipeline.settings, pipeline: prepared.plan.pipeline.name, store: store,
                        environment: session.options.environment))
            case .json:
                // Streamed a few tasks at a time: a million tasks are never one string.
                let balance: [String: Value] = account.map { ["balance": .number(Double($0.credits))] } ?? [:]
                renderer.writeJSON(diagnostics: compilation.diagnostics, extra: balance) { StandardStreams.out($0) }
                StandardStreams.out("\n")
            }
        } catch let error as EngineError {
            throw RunCommand.exitCode(for: error)
        }
    }
}
