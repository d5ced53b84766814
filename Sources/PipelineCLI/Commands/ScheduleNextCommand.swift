import ArgumentParser
import Foundation
import PipelineLanguage

/// `pipeline schedule next FILE` — when the pipeline's schedule fires next.
struct ScheduleNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next run times of the pipeline's schedule.cron, one ISO 8601 local time per line.",
        discussion: """
            Times are in the zone named by CRON_TZ, else TZ, else the system's. A wall-clock time that a daylight
            saving change skips fires right after the change; one that happens twice fires once, the first time.
            """
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(name: [.customShort("n"), .customLong("count")], help: "How many run times to print.")
    var count = 5

    @Option(
        help:
            "Print the run times after this ISO 8601 time (e.g. 2026-11-26T06:00:00+01:00; without an offset, local). Default: now."
    )
    var from: String?

    @Option(help: "text (one time per line) or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (1...10_000).contains(count) else { throw ValidationError("-n must be from 1 to 10000") }
    }

    func run() throws {
        let timeZone: TimeZone
        do {
            timeZone = try CronTimeZone.resolve(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ScheduleCommand.exitCode(for: error)
        }
        var start = Date()
        if let from {
            guard let parsed = ISO8601Time.parse(from, timeZone: timeZone) else {
                StandardStreams.error(
                    "error: --from '\(from)' is not an ISO 8601 time such as 2026-11-26T06:00:00+01:00 or 2026-11-26T06:00\n"
                )
                throw PipelineExitCode.invalidFile
            }
            start = parsed
        }
        let compilation = try CompiledFile.decode(file)
        guard let schedule = compilation.pipeline?.schedule else {
            StandardStreams.error(
                "error: \(file) has no schedule.cron; add for example\n  schedule:\n    cron: \"0 6 * * 1-5\"\n")
            throw PipelineExitCode.invalidFile
        }
        let times = CronSchedule(schedule.cron, timeZone: timeZone).next(after: start, count: count).map {
            ISO8601Time.format($0, in: timeZone)
        }
        switch format {
        case .text:
            StandardStreams.out(times.map { $0 + "\n" }.joined())
        case .json:
            let object = Value.object([
                "file": .string(file), "cron": .string(schedule.cron.text), "time_zone": .string(timeZone.identifier),
                "times": .list(times.map(Value.string)),
            ])
            StandardStreams.out(object.prettyJSON + "\n")
        }
    }
}
