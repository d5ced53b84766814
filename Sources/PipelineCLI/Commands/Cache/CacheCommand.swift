import ArgumentParser

/// `pipeline cache ls|forget|gc` — inspect and prune the cache of finished tasks.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "List, forget or garbage-collect cache entries (what finished tasks produced).",
        subcommands: [CacheListCommand.self, CacheForgetCommand.self, CacheGCCommand.self]
    )
}
