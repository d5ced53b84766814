import Foundation

/// Runs the real `pipeline` executable with a deadline (through ``Spawned``), so a
/// command that would hang (a FIFO, an endless walk, a plan too large) fails its test instead of
/// blocking the suite.
enum TimedCommand {
    /// What the command did (`timedOut` when the deadline passed and it was killed).
    typealias Result = Spawned.Result

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
        try await Spawned.start(
            CommandRunner.executable, arguments, in: directory, environment: environment
        ).finish(timeout: timeout, recordTimeout: false)
    }
}
