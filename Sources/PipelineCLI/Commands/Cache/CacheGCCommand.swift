import ArgumentParser
import Foundation
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// `pipeline cache gc FILE` — delete work files that no cache entry points to.
struct CacheGCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete work files no cache entry points to, and partial files left by interrupted runs.",
        discussion: """
            Looks in the pipeline's work folder (OUTPUT_DIR/.work) for files no cache entry records, and in
            the whole output folder for leftover `.NAME.RANDOM.part` files. Final outputs are never touched.
            Takes the pipeline's run lock, so it never races a run (exit 3 while one runs).
            """
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @OptionGroup var location: StoreLocation

    @Flag(help: "List what would be deleted, delete nothing.")
    var dryRun = false

    func run() async throws {
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        guard let pipeline = opened.compilation?.pipeline else { throw PipelineExitCode.invalidFile }
        let lock: any RunLocking
        do {
            lock = try await opened.store.lockRun(pipeline: pipeline.name, waitingUpTo: nil, shared: false)
        } catch RunLockError.held(let holder, _) {
            StandardStreams.error(
                "skipped: a run of \(pipeline.name) is in progress (\(holder)); try again when it ends\n")
            throw PipelineExitCode.lockHeld
        }
        let base = URL(fileURLWithPath: pipeline.baseDirectory).standardizedFileURL.path
        let garbage: [WorkFileSweep.Found]
        do {
            garbage = try await WorkFileSweep(base: base, settings: pipeline.settings).unreferenced(in: opened.store)
        } catch {
            await lock.release()
            throw error
        }

        var bytes: Int64 = 0
        var failures = 0
        for file in garbage {
            bytes += file.bytes
            if dryRun {
                StandardStreams.out("would delete \(file.path)\n")
                continue
            }
            do {
                try FileManager.default.removeItem(atPath: PathText.join(base, file.path))
                StandardStreams.out("deleted \(file.path)\n")
            } catch {
                failures += 1
                StandardStreams.error("error: cannot delete \(file.path): \(error.localizedDescription)\n")
            }
        }
        await lock.release()
        let size = HumanFormat.bytes(bytes)
        StandardStreams.out(
            "\(dryRun ? "would delete" : "deleted") \(garbage.count - failures) file\(garbage.count - failures == 1 ? "" : "s") (\(size))\n"
        )
        if failures > 0 { throw PipelineExitCode.taskFailures }
    }
}
