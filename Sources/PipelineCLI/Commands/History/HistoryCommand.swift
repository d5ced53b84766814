import ArgumentParser

/// `pipeline history …` — keeps the run history in the state store to a size.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Manage the run history in the state store.",
        subcommands: [HistoryPruneCommand.self]
    )
}
