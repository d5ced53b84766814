import ArgumentParser
import Foundation
import SecretRedaction

/// `pipeline` — runs video-generation pipelines written in YAML.
@main
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run video-generation pipelines written in YAML.",
        discussion: """
            A pipeline file declares stages (resize images, generate videos through Magic Hour, download, \
            rename); pipeline plans every task up front and runs them with bounded concurrency, never paying \
            twice for the same video.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, PlanCommand.self, GraphCommand.self, RunsCommand.self,
            StatusCommand.self,
            CacheCommand.self, HistoryCommand.self, ReportCommand.self, ScheduleCommand.self, SchemaCommand.self,
            ModelsCommand.self, TypesCommand.self,
            FakeAPICommand.self,
        ]
    )
}

extension PipelineCommand {
    /// Runs the command line; a wrong command line exits 2 (as the README documents), not
    /// ArgumentParser's 64, so scripts can tell "fix your invocation" from task failures by one code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Printed here rather than by `exit(withError:)`, so that the text passes through the
            // one redaction of the API key like every other error.
            let code = exitCode(for: error)
            let message = StandardStreams.printable(fullMessage(for: error))
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? PipelineExitCode.invalidFile.rawValue : code.rawValue)
        }
    }
}
