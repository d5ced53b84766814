import ArgumentParser

/// `pipeline` — runs video-generation pipelines written in YAML.
@main
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run video-generation pipelines written in YAML.",
        discussion: """
            A pipeline file declares stages (resize images, generate videos through Magic Hour, download,
            rename); pipeline plans every task up front and runs them with bounded concurrency, never paying
            twice for the same video.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, PlanCommand.self, GraphCommand.self, SchemaCommand.self, FakeAPICommand.self,
            ReportCommand.self,
        ]
    )
}
