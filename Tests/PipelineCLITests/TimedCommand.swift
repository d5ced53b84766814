import Foundation

/// Runs the real `pipeline` executable with a deadline (through ``Spawned``), so a
/// command that would hang (a FIFO, an endless walk, a plan too large) fails its test instead of
/// blocking the suite.
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
    ) async throws -> Result {
        let finished = try await Spawned.start(
            CommandRunner.executable, arguments, in: directory, environment: environment
        ).finish(timeout: timeout, recordTimeout: false)
        return Result(
            status: finished.status, standardOutput: finished.standardOutput, standardError: finished.standardError,
            timedOut: finished.timedOut, seconds: finished.seconds)
    }
}
