import ArgumentParser
import Foundation
import PipelineLanguage
import PipelineStore

/// `pipeline cache ls [FILE]` — every cache entry: stage, key, task, project id, outputs.
struct CacheListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List cache entries: stage, key, task, Magic Hour project id, output files."
    )

    @Argument(help: "The pipeline file (locates the state store).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var location: StoreLocation

    @Option(help: "Only this stage's entries (repeatable).")
    var stage: [String] = []

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        // In plan order when the pipeline file is known (480p before 1080p), by stage and task otherwise.
        let entries = PlanOrder(opened.compilation).sorted(
            try await opened.store.allCacheEntries().filter { stage.isEmpty || stage.contains($0.stage) },
            stage: \.stage, task: \.taskID)
        switch format {
        case .json:
            StandardStreams.out(try HistoryJSON.encode(entries.map(CacheEntryJSON.init)))
        case .text:
            guard !entries.isEmpty else {
                StandardStreams.out("the cache is empty\n")
                return
            }
            var table = TextTable("STAGE", "KEY", "TASK", "PROJECT", "CREATED", "OUTPUTS")
            for entry in entries {
                table.add(
                    entry.stage, String(entry.key.prefix(12)), entry.taskID, CacheEntryJSON.projectID(of: entry) ?? "-",
                    HumanFormat.localTime(entry.createdAt), entry.files.map(\.path).joined(separator: ", "))
            }
            StandardStreams.out(table.render())
            StandardStreams.out("\(entries.count) entr\(entries.count == 1 ? "y" : "ies")\n")
        }
    }
}
