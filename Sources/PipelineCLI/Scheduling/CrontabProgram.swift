import Foundation

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
    func read() throws(ScheduleError) -> Crontab {
        let result = try run(["-l"], input: nil)
        if result.status != 0 {
            // "no crontab for USER" is how every cron says the crontab is empty.
            if result.error.contains("no crontab for") { return Crontab(text: "") }
            throw .crontabFailed(arguments: "-l", status: result.status, message: result.error)
        }
        return Crontab(text: result.output)
    }

    /// Replaces the crontab with `crontab`'s lines.
    func write(_ crontab: Crontab) throws(ScheduleError) {
        let result = try run(["-"], input: crontab.text)
        guard result.status == 0 else {
            throw .crontabFailed(arguments: "-", status: result.status, message: result.error)
        }
    }

    private func run(
        _ arguments: [String], input: String?
    ) throws(ScheduleError) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        do {
            try process.run()
        } catch {
            throw .crontabFailed(arguments: arguments.joined(separator: " "), status: -1, message: "\(error)")
        }
        if let input {
            standardInput.fileHandleForWriting.write(Data(input.utf8))
            try? standardInput.fileHandleForWriting.close()
        }
        // Drain standard error on another thread so neither pipe can fill up and block crontab.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }
}
