import Foundation

/// Runs the real `pipeline` executable with a deadline, so a command that would hang (a FIFO,
/// an endless walk, a plan too large) fails its test instead of blocking the suite.
enum TimedCommand {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Whether the deadline passed and the process was killed.
        var timedOut: Bool
        var seconds: Double

        var allOutput: String { standardOutput + standardError }
    }

    /// A small, clean environment; `extra` adds to it.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp",
        ]
        environment.merge(extra) { $1 }
        return environment
    }

    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = environment(),
        timeout: Double = 60
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
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
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self), timedOut: timedOut,
            seconds: Date().timeIntervalSince(started))
    }
}
