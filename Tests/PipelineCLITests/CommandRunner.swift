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
    ) throws -> Result {
        try run(program: executable, arguments, in: directory, environment: environment, input: input)
    }

    /// Runs any `program` (an absolute path) with `arguments`, `input` on its standard input.
    static func run(
        program: String, _ arguments: [String], in directory: String = repository,
        environment: [String: String]? = nil, input: String? = nil
    ) throws -> Result {
        let finished = try launch(
            program: program, arguments, in: directory, environment: environment, input: input, timeout: nil)
        return Result(
            status: finished.status, standardOutput: finished.standardOutput, standardError: finished.standardError)
    }

    /// What a program did: its exit status and output, whether it outlived its deadline (and was
    /// killed), and how long it ran.
    struct Finished {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
        var seconds: Double
    }

    /// The one runner of child programs: both pipes are read while the program runs (so a large
    /// output cannot block it), and past `timeout` seconds (when given) it is killed with SIGKILL.
    static func launch(
        program: String, _ arguments: [String], in directory: String, environment: [String: String]?,
        input: String?, timeout: Double?
    ) throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        let started = Date()
        try process.run()
        if let input {
            standardInput.fileHandleForWriting.write(Data(input.utf8))
            try standardInput.fileHandleForWriting.close()
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        var timedOut = false
        if let timeout {
            while process.isRunning {
                if Date().timeIntervalSince(started) > timeout {
                    timedOut = true
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                usleep(20_000)
            }
        }
        process.waitUntilExit()
        group.wait()
        return Finished(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self), timedOut: timedOut,
            seconds: Date().timeIntervalSince(started))
    }
}
