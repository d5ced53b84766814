import ArgumentParser
import Foundation
import PipelineStore

/// `pipeline history prune --keep N [FILE]` — deletes old runs and their task rows.
struct HistoryPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old runs and their task rows, keeping the newest N of each pipeline.",
        discussion: """
            The cache and the paid-job ledger are kept: pruning history never makes a task run or \
            pay again. Runs still in progress are never deleted. For a daily cron job, \
            `pipeline history prune --keep 30` after each run keeps the store's size flat.
            """
    )

    @Argument(
        help: "The pipeline file (optional): prune only its runs.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var location: StoreLocation

    @Option(help: "How many of the newest runs of each pipeline to keep.")
    var keep: Int

    func validate() throws {
        guard keep >= 0 else { throw ValidationError("--keep must be 0 or more") }
    }

    func run() async throws {
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        let deleted: Int
        do {
            deleted = try await opened.store.pruneRuns(pipeline: opened.pipelineName, keep: keep)
        } catch {
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.taskFailures
        }
        StandardStreams.out(
            "deleted \(deleted) run\(deleted == 1 ? "" : "s"), kept the newest \(keep) of each pipeline\n")
    }
}
