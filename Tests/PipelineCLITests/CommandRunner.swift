import Foundation

/// Runs the real `pipeline` executable built next to the tests and captures what it prints.
struct CommandRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The `pipeline` binary: beside the test bundle, or in the default build folder.
    static let executable: String = {
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(runner.appendingPathComponent("pipeline").path)
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("pipeline").path)
        candidates.append(repository + "/.build/debug/pipeline")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// Runs the `pipeline` executable with `arguments`.
    static func run(
        _ arguments: [String], in directory: String = repository, environment: [String: String]? = nil,
        input: String? = nil
    ) async throws -> Result {
        try await run(program: executable, arguments, in: directory, environment: environment, input: input)
    }

    /// Runs any `program` (an absolute path) with `arguments`, `input` on its standard input.
    static func run(
        program: String, _ arguments: [String], in directory: String = repository,
        environment: [String: String]? = nil, input: String? = nil
    ) async throws -> Result {
        let finished = try await Spawned.start(
            program, arguments, in: directory, environment: environment, input: input
        ).finish(timeout: nil)
        return Result(
            status: finished.status, standardOutput: finished.standardOutput, standardError: finished.standardError)
    }
}
