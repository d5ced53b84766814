import Foundation

/// One crontab line that runs a pipeline:
///
///     0 6 * * 1-5 cd '/dir' && '/bin/pipeline' run '/dir/file.yaml' >> '/dir/.pipeline/NAME.log' 2>&1 # pipeline: /dir/file.yaml
///
/// Paths are absolute and single-quoted for the shell; every `%` is written `\%`, because cron
/// turns a bare `%` into a newline. The trailing comment (a shell comment, so cron's shell
/// ignores it) is the marker that identifies the pipeline by its absolute file path.
struct CrontabEntry: Equatable {
    /// The cron expression as written in the file, blanks collapsed (`@daily` stays a macro).
    var schedule: String
    /// The pipeline file's absolute path, from the marker.
    var pipelineFile: String
    /// Where the run's output is appended, when the line says.
    var logFile: String?
    /// The whole crontab line.
    var line: String

    static let marker = " # pipeline: "

    /// The line for a pipeline. Paths must be absolute.
    init(
        schedule: String, workingDirectory: String, executable: String, pipelineFile: String, envFile: String?,
        logFile: String
    ) throws(ScheduleError) {
        for path in [workingDirectory, executable, pipelineFile, logFile] + (envFile.map { [$0] } ?? []) {
            try Self.checkCarriable(path)
        }
        self.schedule = schedule.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        self.pipelineFile = pipelineFile
        self.logFile = logFile
        var command =
            "cd \(Self.quoted(workingDirectory)) && \(Self.quoted(executable)) run \(Self.quoted(pipelineFile))"
        if let envFile { command += " --env-file \(Self.quoted(envFile))" }
        command += " >> \(Self.quoted(logFile)) 2>&1"
        line = Self.escapingPercent(self.schedule + " " + command + Self.marker + pipelineFile)
    }

    /// Reads a line this tool wrote; `nil` for any other line (comments, variables, other jobs).
    init?(line: String) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"),
            let markerRange = line.range(of: Self.marker, options: .backwards)
        else {
            return nil
        }
        let file = Self.unescapingPercent(String(line[markerRange.upperBound...]))
        guard file.hasPrefix("/") else { return nil }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let fieldCount = trimmed.hasPrefix("@") ? 1 : 5
        guard words.count > fieldCount else { return nil }
        schedule = words.prefix(fieldCount).joined(separator: " ")
        pipelineFile = file
        self.line = line
        logFile = nil
        let command = line[..<markerRange.lowerBound]
        if let redirect = command.range(of: " >> '", options: .backwards),
            let end = command.range(of: "' 2>&1", options: .backwards), redirect.upperBound <= end.lowerBound
        {
            logFile = Self.unescapingPercent(
                String(command[redirect.upperBound..<end.lowerBound]).replacingOccurrences(of: "'\\''", with: "'"))
        }
    }

    /// A word for `sh`: single quotes, each `'` inside written `'\''`.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Cron cuts a command at a bare `%` (the rest becomes standard input); `\%` is a literal `%`.
    static func escapingPercent(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "\\%")
    }

    static func unescapingPercent(_ text: String) -> String {
        text.replacingOccurrences(of: "\\%", with: "%")
    }

    /// Cron ends a command at a newline and gives backslashes before `%` its own meaning, so a
    /// path with control characters or backslashes cannot be written into a crontab safely.
    private static func checkCarriable(_ path: String) throws(ScheduleError) {
        guard path.hasPrefix("/") else { throw .unsafePath(path, reason: "the path is not absolute") }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw .unsafePath(path, reason: "it contains a control character (a newline would end the crontab line)")
        }
        if path.contains("\\") {
            throw .unsafePath(
                path, reason: "it contains a backslash, which cron would misread next to a %; rename or move it")
        }
    }
}
