import Foundation

/// Helpers for the `pipeline schedule` and env file tests.
enum ScheduleTestSupport {
    /// A small environment: no inherited Magic Hour key, time zone or CRON_TZ.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp",
        ]
        if let user = inherited["USER"] { environment["USER"] = user }
        environment.merge(extra) { $1 }
        return environment
    }

    /// A resize-only pipeline (no Magic Hour stage) on `assets/one.png`, with a schedule.
    static func resizePipeline(name: String = "daily", cron: String = "0 6 * * 1-5", settings: [String] = []) -> String
    {
        var lines = ["version: 1", "name: \(name)", "schedule:", "  cron: \"\(cron)\""]
        lines += ["settings:", "  output_dir: out"] + settings.map { "  " + $0 }
        lines += [
            "stages:",
            "  thumb:",
            "    uses: image.resize",
            "    with: { image: assets/one.png, width: 16 }",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The command cron would hand to /bin/sh for a crontab line: the five time fields (or a
    /// macro) removed, `\%` turned into `%`, and the text cut at the first bare `%` (Vixie cron's rule).
    static func cronCommand(of line: String) -> String {
        var rest = Substring(line)
        let fields = rest.hasPrefix("@") ? 1 : 5
        for _ in 0..<fields {
            rest = rest.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
        }
        var command = ""
        var escaped = false
        for character in rest {
            if escaped {
                if character == "%" { command.removeLast() }
                command.append(character)
                escaped = false
                continue
            }
            if character == "%" { break }
            if character == "\\" { escaped = true }
            command.append(character)
        }
        return command
    }

    /// Sets a file's permission bits.
    static func setMode(_ mode: Int, of path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// The real path of a file (symbolic links resolved).
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Runs `/bin/sh -c command` with `environment` and returns its exit status.
    static func shell(_ command: String, environment: [String: String]) async throws -> Int32 {
        try await CommandRunner.run(program: "/bin/sh", ["-c", command], in: "/", environment: environment).status
    }
}

extension CommandRunner.Result {
    /// Both streams, for assertions about what the user saw.
    var allOutput: String { standardOutput + standardError }
}
