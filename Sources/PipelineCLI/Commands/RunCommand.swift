import ArgumentParser
import Foundation
import Logging
import MagicHour
import MagicHourFake
import MagicHourRules
import PipelineEngine
import PipelineLanguage
import PipelineStages
import PipelineStore

/// `pipeline run FILE` — run every task that is not already done.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: every task not already done, each paid job exactly once.",
        discussion: """
            Needs MAGIC_HOUR_API_KEY in the environment for Magic Hour stages, unless --simulate.
            Exit codes: 0 success, 1 task failures, 2 invalid file or usage, 3 lock held,
            4 uncertain paid work, 5 over budget or unpriced paid tasks, 130 interrupted.
            """
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Tasks in flight at once (overrides settings.max_parallel).")
    var maxParallel: Int?

    @Flag(help: "Stop starting new tasks at the first failure.")
    var failFast = false

    @Flag(help: "Run paid tasks whose model publishes no price (`pipeline plan` lists them as unpriced).")
    var allowUnpriced = false

    @Option(
        help: "The Magic Hour tier `default` is planned for when the account does not say (overrides settings.tier).")
    var tier: AccountTier?

    @Flag(help: "Rerun every task, even cached ones (pays again for paid tasks).")
    var force = false

    @Option(name: .customLong("force-stage"), help: "Rerun this stage's tasks and what depends on them (repeatable).")
    var forceStages: [String] = []

    @Flag(help: "Resubmit paid jobs whose create call has no recorded answer (check the Magic Hour dashboard first).")
    var resubmitUncertain = false

    @Flag(help: "Show what would run (like `plan`), write nothing.")
    var dryRun = false

    @Flag(
        help:
            "Join the pipeline's shared run as one of several workers (on this machine or others sharing the state store) instead of skipping it."
    )
    var worker = false

    @Option(help: "With --worker: seconds a worker's claim on a task lasts without renewal (default 30).")
    var lease: Double?

    @Option(help: "The state store file (overrides settings.state).")
    var state: String?

    @Option(help: "Magic Hour API base URL (default: $MAGIC_HOUR_BASE_URL or https://api.magichour.ai).")
    var apiBaseURL: String?

    @Flag(help: "Run offline against a fake Magic Hour API started in this process on a free loopback port.")
    var simulate = false

    @Flag(help: "Print only failures and the summary.")
    var quiet = false

    @Option(help: "text: a live display on a terminal, timestamped lines elsewhere; json: one JSON object per event.")
    var logFormat: LogFormat = .text

    @Flag(help: "Print timestamped lines even on a terminal (no live display).")
    var noLive = false

    @Option(
        help: "A private KEY=value file of environment variables (overrides settings.env_file).", completion: .file())
    var envFile: String?

    func validate() throws {
        if let maxParallel, !LanguageLimits.maxParallel.contains(maxParallel) {
            throw ValidationError("--max-parallel must be from 1 to 1000")
        }
        if let lease {
            guard worker else { throw ValidationError("--lease needs --worker") }
            guard lease.isFinite, (1...3600).contains(lease) else {
                throw ValidationError("--lease must be from 1 to 3600 seconds")
            }
        }
    }

    func run() async throws {
        var options = RunOptions(
            maxParallel: maxParallel, failFast: failFast,
            status: .init(force: force, forceStages: Set(forceStages), resubmitUncertain: resubmitUncertain),
            statePath: state)
        options.allowUnpriced = allowUnpriced
        options.tier = tier
        if worker { options.worker = WorkerOptions(lease: lease ?? WorkerOptions.defaultLease) }
        let (decoded, decodedOptions) = try CommandSession.decode(file: file, envFile: envFile, options: options)
        if !dryRun, let summary = await runIfUpToDate(decoded, options: decodedOptions) {
            try Self.conclude(summary, warnings: [])
            return
        }
        var session = try CommandSession.make(decoded: decoded, options: decodedOptions)
        if dryRun {
            try await PlanCommand.printPlan(session, format: .text, summaryOnly: false)
            return
        }
        let environment = session.options.environment
        let display = RunDisplayChoice.make(
            logFormat: logFormat, noLive: noLive, quiet: quiet, environment: environment)
        var fake: FakeMagicHourServer?
        // Checked (and registered for redaction) before anything else; --simulate uses its own key.
        var token = try APIKey.forCommand(from: simulate ? [:] : environment)
        var baseURL = apiBaseURL ?? environment["MAGIC_HOUR_BASE_URL"] ?? "https://api.magichour.ai"
        var polling = PollPolicy.fromEnvironment(environment) ?? .default
        if simulate {
            let server = try await Self.startSimulatedAPI(state: session.state)
            fake = server
            token = "simulated-magic-hour-key"
            baseURL = server.baseURL
            // The product's own polling, its typical times scaled to the stand-in's renders.
            polling = .expectedCompletion(
                timeScale: Self.simulatedRenderSeconds / ProcessingTimeCatalog[.imageToVideo],
                maxInterval: .seconds(1))
            display.note("simulating Magic Hour at \(server.baseURL) (fake API, no credits are spent)")
        }
        // Warnings (a glob that matches nothing…) are printed before the run and counted in its summary.
        let warnings = session.warnings
        if !warnings.isEmpty {
            StandardStreams.error(DiagnosticRenderer(sources: [session.compilation.source]).text(warnings))
        }
        if session.callsMagicHour, token?.isEmpty ?? true {
            StandardStreams.error(
                "error: MAGIC_HOUR_API_KEY is not set; export it (or put it in settings.env_file), or use --simulate to run offline\n"
            )
            throw PipelineExitCode.invalidFile
        }
        // Retries are told in the run's own format, among its other lines.
        let retries = Logger(label: "magic-hour") { _ in RetryLogHandler(display: display) }
        let client = MagicHourClient(
            token: APIToken(token ?? ""), configuration: MagicHourConfiguration(baseURL: baseURL, polling: polling),
            logger: retries)
        // `default` is planned on the account's own tier when the key can tell it.
        if session.callsMagicHour, ModelCredits.rows(session.plan).contains(where: { $0.model != $0.resolved }),
            let found = try? await client.account().tier.flatMap(AccountTier.init), found != session.options.tier
        {
            var retiered = session.options
            retiered.tier = found
            do {
                session = try PipelineSession(decoded: session.compilation, options: retiered)
            } catch {
                throw Self.exitCode(for: error)
            }
        }
        let runner = PipelineRunner(executors: StandardExecutors.make(client: client), observer: display)
        // The balance is read before the first paid create (--simulate's fake answers it too).
        var runSession = session
        if session.callsMagicHour {
            let key = token ?? ""
            runSession.options.readAccount = {
                MagicHourAccountIdentity.runAccount(try await client.account(), apiKey: key)
            }
        }

        let runTask = Task { [runSession] in
            let store = try await StoreOpener.openForEngine(
                runSession.state, environment: runSession.options.environment)
            defer { try? store.close() }
            return try await runner.run(runSession, store: store)
        }
        let trap = SignalTrap { runTask.cancel() }
        let result = await runTask.result
        trap.cancel()
        try? await client.shutdown()
        await fake?.stop()

        switch result {
        case .success(let summary):
            try Self.conclude(summary, warnings: warnings)
        case .failure(let error as EngineError):
            throw Self.exitCode(for: error)
        case .failure(let error):
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.taskFailures
        }
    }

    /// The run with nothing to do, told without planning, when the pipeline's up-to-date record
    /// says that nothing it read or wrote has changed since its last complete run (``UpToDateLedger``);
    /// `nil` (and the run plans as usual) otherwise, or when anything about the check fails.
    private func runIfUpToDate(_ decoded: Compilation, options: RunOptions) async -> RunSummary? {
        guard let pipeline = decoded.pipeline, let key = UpToDateKey.make(decoded: decoded, options: options) else {
            return nil
        }
        let state = PipelineSession.state(of: pipeline, statePath: options.statePath)
        guard StoreOpener.exists(state),
            let store = try? await StoreOpener.openForEngine(state, environment: options.environment)
        else { return nil }
        defer { try? store.close() }
        guard let record = try? await UpToDateLedger(store: store).valid(pipeline: pipeline.name, key: key) else {
            return nil
        }
        // The key is checked as a planned run checks it (a malformed one: that run says so), and a
        // run of Magic Hour stages needs it even with nothing to do.
        let token: String?
        do { token = try APIKey.read(from: options.environment) } catch { return nil }
        if record.callsMagicHour, !simulate, token?.isEmpty ?? true { return nil }
        let display = RunDisplayChoice.make(
            logFormat: logFormat, noLive: noLive, quiet: quiet, environment: options.environment)
        display.note("up to date: nothing \(pipeline.name) reads or wrote has changed since its last complete run")
        return await PipelineRunner(executors: [:], observer: display)
            .runUpToDate(record, pipeline: pipeline.name, file: PathText.absolute(decoded.source.path), store: store)
    }

    /// Reports a finished run's failures, store errors and warnings, and picks its exit code.
    private static func conclude(_ summary: RunSummary, warnings: [Diagnostic]) throws {
        for failure in summary.failures.prefix(20) {
            StandardStreams.error("failed: \(failure.task): \(failure.error)\n")
        }
        for message in summary.storeErrors.prefix(20) {
            StandardStreams.error("error: \(message)\n")
        }
        if !warnings.isEmpty {
            let count = "\(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
            let shown = warnings.prefix(5).map { "\($0.location): \($0.message)" }.joined(separator: "; ")
            StandardStreams.error("summary: \(count): \(shown)\(warnings.count > 5 ? "; …" : "")\n")
        }
        // Creates refused by a credit limit: exit 5, as a run refused whole.
        if summary.budgetRefused > 0, summary.outcome != .uncertain, summary.outcome != .interrupted {
            throw PipelineExitCode.overBudget
        }
        switch summary.outcome {
        case .succeeded, .running:
            // A history the store could not write is a failure to report, not a success.
            if !summary.storeErrors.isEmpty { throw PipelineExitCode.taskFailures }
            return
        case .failed, .crashed: throw PipelineExitCode.taskFailures
        case .uncertain: throw PipelineExitCode.uncertainPaidWork
        case .interrupted: throw PipelineExitCode.interrupted
        }
    }

    /// The simulated API keeps its projects, uploads, videos and balance in `simulated-api/`
    /// beside the state store (a SQLite file), or in `.pipeline/simulated-api/` of the current
    /// folder for a PostgreSQL store, so that a later `--simulate` run resumes and downloads again
    /// exactly as against the real API; deleting that folder is an account that forgot everything.
    static func simulatedAPIDirectory(state: StateLocation) -> String {
        guard let path = state.filePath else { return PathText.absolute(".pipeline/simulated-api") }
        return PathText.join(PathText.dirname(path), "simulated-api")
    }

    /// How long every project of the simulated API takes to render, in seconds.
    static let simulatedRenderSeconds = 2.0

    private static func startSimulatedAPI(state: StateLocation) async throws -> FakeMagicHourServer {
        // The stand-in's own shutdown chatter is not the user's business; its errors are.
        let quietLogger = Logger(label: "magic-hour-fake") { _ in SimulatedAPILogHandler() }
        let directory = simulatedAPIDirectory(state: state)
        do {
            return try await FakeMagicHourServer.start(
                FakeServerConfiguration(
                    acceptedToken: "simulated-magic-hour-key", balance: 10_000_000,
                    renderTime: .seconds(simulatedRenderSeconds),
                    stateDirectory: directory),
                logger: quietLogger)
        } catch {
            StandardStreams.error("error: the simulated API could not start in \(directory): \(error)\n")
            throw PipelineExitCode.taskFailures
        }
    }

    /// Prints an engine error the way users need it and picks the documented exit code.
    static func exitCode(for error: EngineError) -> ExitCode {
        switch error {
        case .invalidPipeline(let compilation):
            StandardStreams.error(DiagnosticRenderer(sources: [compilation.source]).text(compilation.diagnostics))
            StandardStreams.error(
                "\(compilation.source.path): \(compilation.errors.count) error\(compilation.errors.count == 1 ? "" : "s")\n"
            )
            return PipelineExitCode.invalidFile
        case .lockHeld, .lockWaitTimedOut:
            StandardStreams.error("skipped: \(error)\n")
            return PipelineExitCode.lockHeld
        case .overBudget, .unpriced, .insufficientBalance, .accountUnknown:
            StandardStreams.error("refused: \(error)\n")
            return PipelineExitCode.overBudget
        case .store:
            StandardStreams.error("error: \(error)\n")
            return PipelineExitCode.taskFailures
        }
    }
}
