import ArgumentParser
import Foundation
import PipelineLanguage

/// `pipeline schedule list` — the pipelines installed in the user's crontab.
struct ScheduleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the pipelines installed in your crontab: schedule, next run, file and log."
    )

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let crontab: Crontab
        let defaultZone: TimeZone
        do {
            defaultZone = try CronTimeZone.resolve(environment: ProcessInfo.processInfo.environment)
            crontab = try await CrontabProgram.locate().read()
        } catch {
            throw ScheduleCommand.exitCode(for: error)
        }
        let now = Date()
        let rows = crontab.entries.map {
            index, entry -> (entry: CrontabEntry, next: String, zone: TimeZone, exists: Bool) in
            let zone = crontab.variable("CRON_TZ", before: index).flatMap(CronTimeZone.named) ?? defaultZone
            let next =
                (try? CronExpression(parsing: entry.schedule))
                .flatMap { CronSchedule($0, timeZone: zone).next(after: now) }
                .map { ISO8601Time.format($0, in: zone) } ?? "never"
            return (entry, next, zone, FileManager.default.fileExists(atPath: entry.pipelineFile))
        }
        switch format {
        case .json:
            let objects = rows.map { row in
                Value.object([
                    "schedule": .string(row.entry.schedule), "next_run": .string(row.next),
                    "time_zone": .string(row.zone.identifier),
                    "file": .string(row.entry.pipelineFile), "file_exists": .bool(row.exists),
                    "log": row.entry.logFile.map(Value.string) ?? .null, "line": .string(row.entry.line),
                ])
            }
            StandardStreams.out(Value.list(objects).prettyJSON + "\n")
        case .text:
            guard !rows.isEmpty else {
                StandardStreams.out("no pipeline is installed in the crontab of \(ScheduleCommand.userName)\n")
                return
            }
            let table =
                [["SCHEDULE", "NEXT RUN", "FILE", "LOG"]]
                + rows.map { row in
                    [
                        row.entry.schedule, row.next, row.entry.pipelineFile + (row.exists ? "" : " (missing)"),
                        row.entry.logFile ?? "-",
                    ]
                }
            let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
            for cells in table {
                let padded = (0..<3).map { cells[$0] + String(repeating: " ", count: widths[$0] - cells[$0].count) }
                StandardStreams.out((padded + [cells[3]]).joined(separator: "  ") + "\n")
            }
        }
    }
}
