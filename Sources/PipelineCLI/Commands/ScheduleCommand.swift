import ArgumentParser
import Foundation

/// `pipeline schedule next|install|list|remove` — run pipelines from cron.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run pipelines from cron: their next run times, and their lines in your crontab.",
        discussion: """
            A pipeline's schedule is its schedule.cron. `install` adds one line per pipeline to your crontab
            (through the crontab program), `list` shows them, `remove` takes one out. Cron runs get the
            Magic Hour API key from an env file (settings.env_file or --env-file), never from the crontab.
            """,
        subcommands: [
            ScheduleNextCommand.self, ScheduleInstallCommand.self, ScheduleListCommand.self, ScheduleRemoveCommand.self,
        ]
    )

    /// Prints `error` and picks the exit code: 1 when the crontab program failed, 2 for a problem
    /// with the request (a path cron cannot carry, an unknown time zone).
    static func exitCode(for error: ScheduleError) -> ExitCode {
        StandardStreams.error("error: \(error)\n")
        switch error {
        case .crontabNotInstalled, .crontabFailed: return ExitCode.failure
        case .unsafePath, .unknownTimeZone: return PipelineExitCode.invalidFile
        }
    }

    /// The login name of the user whose crontab this is.
    static var userName: String { ProcessInfo.processInfo.userName }
}
