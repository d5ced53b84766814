import ArgumentParser
import Foundation

/// `pipeline schedule remove FILE` — takes the pipeline's line out of the user's crontab.
struct ScheduleRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove the pipeline's line from your crontab (other lines are kept as they are).",
        discussion:
            "The file need not exist any more: its line is found by the absolute path in its '# pipeline:' comment."
    )

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    func run() async throws {
        let path = AbsolutePath.of(file)
        let removed: [String]
        do {
            let program = try CrontabProgram.locate()
            var crontab = try await program.read()
            removed = crontab.remove(pipelineFile: path)
            if !removed.isEmpty { try await program.write(crontab) }
        } catch {
            throw ScheduleCommand.exitCode(for: error)
        }
        let user = ScheduleCommand.userName
        if removed.isEmpty {
            StandardStreams.out("\(path) is not installed in the crontab of \(user); nothing removed\n")
        } else {
            StandardStreams.out("removed from the crontab of \(user):\n" + removed.map { $0 + "\n" }.joined())
        }
    }
}
