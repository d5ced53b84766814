import ArgumentParser
import Foundation
import PipelineStore

/// `pipeline cache forget` — drop cache entries so their tasks run again.
struct CacheForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Forget cache entries (by stage or key) so their tasks run again on the next run.",
        discussion: """
            Paid work is not bought again: a Magic Hour project the journal recorded for a forgotten
            task is resumed (and downloaded again), not created anew. Use `run --force-stage` to pay again.
            """
    )

    @Argument(help: "The pipeline file (locates the state store).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var location: StoreLocation

    @Option(help: "Forget this stage's entries (repeatable).")
    var stage: [String] = []

    @Option(help: "Forget the entry with this key, or a unique prefix of it (repeatable).")
    var key: [String] = []

    @Flag(help: "Forget every entry.")
    var all = false

    func validate() throws {
        if !all && stage.isEmpty && key.isEmpty {
            throw ValidationError("say what to forget: --stage NAME, --key KEY or --all")
        }
        if all && !(stage.isEmpty && key.isEmpty) {
            throw ValidationError("--all cannot be combined with --stage or --key")
        }
    }

    func run() async throws {
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        let entries = try await opened.store.allCacheEntries()
        var keys: [String]?
        if !key.isEmpty {
            var resolved: [String] = []
            for prefix in key {
                do {
                    resolved.append(try await opened.store.findCacheKey(prefix, stages: stage))
                } catch let error as CacheKeyLookupError {
                    let hint = if case .notFound = error { "; `pipeline cache ls` lists them" } else { "" }
                    StandardStreams.error("error: \(error)\(hint)\n")
                    throw PipelineExitCode.invalidFile
                }
            }
            keys = resolved
        }
        if let unknown = stage.first(where: { name in !entries.contains { $0.stage == name } }), keys == nil {
            StandardStreams.error("note: no cache entry belongs to stage '\(unknown)'\n")
        }
        var forgotten = 0
        if stage.isEmpty || keys != nil {
            forgotten = try await opened.store.forgetCacheEntries(stage: nil, keys: all ? nil : keys)
        } else {
            for name in stage { forgotten += try await opened.store.forgetCacheEntries(stage: name, keys: nil) }
        }
        StandardStreams.out(
            "forgot \(forgotten) cache entr\(forgotten == 1 ? "y" : "ies"); their tasks run again on the next run\n")
    }
}
