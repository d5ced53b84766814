import Foundation
import Subprocess
import SystemPackage

/// The user's crontab, read and written only through the `crontab` program (`crontab -l`,
/// `crontab -`), never by editing the spool files under /var.
struct CrontabProgram {
    /// The `crontab` executable.
    let executable: String

    /// Finds `crontab` on PATH (or in /usr/bin and /bin).
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ScheduleError) -> CrontabProgram {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/crontab"
            if FileManager.default.isExecutableFile(atPath: candidate) { return CrontabProgram(executable: candidate) }
        }
        throw .crontabNotInstalled
    }

    /// The current crontab; empty when the user has none yet.
    func read() async throws(ScheduleError) -> Crontab {
        let result = try await run(["-l"], input: nil)
        if result.status != 0 {
            // "no crontab for USER" is how every cron says the crontab is empty.
            if result.error.contains("no crontab for") { return Crontab(text: "") }
            throw .crontabFailed(arguments: "-l", status: result.status, message: result.error)
        }
        return Crontab(text: result.output)
    }

    /// Replaces the crontab with `crontab`'s lines.
    func write(_ crontab: Crontab) async throws(ScheduleError) {
        let result = try await run(["-"], input: crontab.text)
        guard result.status == 0 else {
            throw .crontabFailed(arguments: "-", status: result.status, message: result.error)
        }
    }

    /// Runs `crontab ARGS` (swift-subprocess), `input` on its standard input (none: an empty one).
    private func run(
        _ arguments: [String], input: String?
    ) async throws(ScheduleError) -> (status: Int32, output: String, error: String) {
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), input: .string(input ?? ""),
                output: .string(limit: 16 << 20), error: .string(limit: 1 << 20))
            let status: Int32
            switch result.terminationStatus {
            case .exited(let code): status = code
            case .signaled(let number): status = 128 + number
            }
            return (
                status, result.standardOutput,
                result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            )
        } catch {
            throw .crontabFailed(arguments: arguments.joined(separator: " "), status: -1, message: "\(error)")
        }
    }
}
