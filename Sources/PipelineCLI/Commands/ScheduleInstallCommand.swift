import ArgumentParser
import Foundation
import PipelineLanguage

/// `pipeline schedule install FILE` — one crontab line that runs the pipeline on its schedule.
struct ScheduleInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Add the pipeline's line to your crontab (installing again replaces it: one line per pipeline).",
        // Written out so that it fits 80 columns (ArgumentParser does not wrap the usage line).
        usage: """
            pipeline schedule install <file> [--print] [--env-file <env-file>]
                                          [--no-env-file] [--log <log>]
            """,
        discussion: """
            The line cds to the pipeline's folder, runs this pipeline executable on the file (absolute paths), \
            and appends the output to a log file (default: NAME.log beside the state store, .pipeline/NAME.log). \
            A trailing '# pipeline: FILE' comment identifies it; every other crontab line is kept as it is. \
            Magic Hour stages need MAGIC_HOUR_API_KEY, which cron does not have: name a private env file in \
            settings.env_file or with --env-file. The key itself never goes into the crontab.
            """
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(name: .customLong("print"), help: "Print the crontab line instead of installing it.")
    var printOnly = false

    @Option(
        help: "A private KEY=value file the cron runs read (passed to `run --env-file`; overrides settings.env_file).",
        completion: .file())
    var envFile: String?

    @Flag(
        help: "Install a pipeline with Magic Hour stages without an env file (the key must reach cron some other way).")
    var noEnvFile = false

    @Option(help: "The log file the runs append to (default: NAME.log beside the state store).", completion: .file())
    var log: String?

    func validate() throws {
        if envFile != nil && noEnvFile { throw ValidationError("--env-file and --no-env-file contradict each other") }
    }

    func run() async throws {
        let envPath = envFile.map(AbsolutePath.of)
        let environment: RunEnvironment
        do {
            environment = try RunEnvironment.resolve(pipelineFile: file, envFile: envPath)
        } catch {
            StandardStreams.error(error.rendered(.error))
            throw PipelineExitCode.invalidFile
        }
        // The whole file must be valid, with the env file's variables, before cron runs it unattended.
        let compilation = try CompiledFile.load(
            file, options: PlanOptions(computeCacheKeys: false, environment: environment.variables))
        guard let pipeline = compilation.pipeline else { throw PipelineExitCode.invalidFile }
        guard let schedule = pipeline.schedule else {
            StandardStreams.error(
                "error: \(file) has no schedule.cron; add for example\n  schedule:\n    cron: \"0 6 * * 1-5\"\n")
            throw PipelineExitCode.invalidFile
        }
        try checkAPIKey(pipeline: pipeline, environment: environment)

        let folder = AbsolutePath.of(pipeline.baseDirectory)
        let statePath = AbsolutePath.of(PathText.join(folder, pipeline.settings.stateFile))
        let logPath = log.map(AbsolutePath.of) ?? PathText.join(PathText.dirname(statePath), pipeline.name + ".log")
        let entry: CrontabEntry
        let timeZone: TimeZone
        do {
            entry = try CrontabEntry(
                schedule: schedule.cron.text, workingDirectory: folder, executable: AbsolutePath.executable,
                pipelineFile: AbsolutePath.of(file), envFile: envPath, logFile: logPath)
            timeZone = try CronTimeZone.resolve(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ScheduleCommand.exitCode(for: error)
        }
        if printOnly {
            StandardStreams.out(entry.line + "\n")
            return
        }

        do {
            try FileManager.default.createDirectory(
                atPath: PathText.dirname(logPath), withIntermediateDirectories: true)
        } catch {
            StandardStreams.error(
                "error: cannot create the log folder \(PathText.dirname(logPath)): \(error.localizedDescription)\n")
            throw ExitCode.failure
        }
        let outcome: Crontab.InstallOutcome
        do {
            let program = try CrontabProgram.locate()
            var crontab = try await program.read()
            outcome = crontab.install(entry)
            if outcome != .unchanged { try await program.write(crontab) }
        } catch {
            throw ScheduleCommand.exitCode(for: error)
        }
        let user = ScheduleCommand.userName
        switch outcome {
        case .added: StandardStreams.out("installed in the crontab of \(user):\n")
        case .replaced(let previous): StandardStreams.out("replaced in the crontab of \(user):\n- \(previous)\n+ ")
        case .unchanged: StandardStreams.out("already installed in the crontab of \(user), unchanged:\n")
        }
        StandardStreams.out(entry.line + "\n")
        if let next = CronSchedule(schedule.cron, timeZone: timeZone).next(after: Date()) {
            StandardStreams.out("next run: \(ISO8601Time.format(next, in: timeZone)) (\(timeZone.identifier))\n")
        }
        StandardStreams.out("log: \(logPath)\n")
    }

    /// Cron's environment has no MAGIC_HOUR_API_KEY: a pipeline that pays Magic Hour needs an env file.
    private func checkAPIKey(pipeline: Pipeline, environment: RunEnvironment) throws {
        guard pipeline.stages.contains(where: { $0.type.callsMagicHour }) else { return }
        if let file = environment.file {
            if file.variables["MAGIC_HOUR_API_KEY"]?.isEmpty ?? true {
                StandardStreams.error(
                    "warning: \(file.path) has no MAGIC_HOUR_API_KEY line; cron runs of '\(pipeline.name)' will need it\n"
                )
            }
        } else if !noEnvFile {
            StandardStreams.error(
                """
                error: '\(pipeline.name)' has Magic Hour stages, and cron runs will not have MAGIC_HOUR_API_KEY: \
                cron does not read your shell's environment.
                  hint: put MAGIC_HOUR_API_KEY=… in a file only you can read (chmod 600), then name it in \
                settings.env_file or pass --env-file FILE (or --no-env-file if the key reaches cron another way)

                """)
            throw PipelineExitCode.invalidFile
        }
    }
}
