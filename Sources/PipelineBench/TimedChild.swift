import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run of another program to its end: how long it took and its peak resident memory (GNU
/// `time`'s `%M`, Debian's package `time`).
struct TimedChild {
    var seconds: Double
    var peakBytes: Int64
    /// The exit status (128 + the signal for a child that was killed).
    var status: Int32
    /// What it wrote to standard error (the last 64 KiB).
    var standardError: String

    /// Runs `path` with `arguments` in `directory`, standard output to `/dev/null` (or to
    /// `outputFile`), with the environment `environment` (this process's when nil).
    static func run(
        _ path: String, _ arguments: [String], in directory: String, environment: [String: String]? = nil,
        outputFile: String = "/dev/null"
    ) throws -> TimedChild {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeline-bench-child-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).err"
        ).path
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        // `sh` changes folder and becomes GNU `time`, which forks the program and writes its peak
        // memory: `wait4`'s own figure for a child spawned from this process would start at this
        // process's peak (Linux keeps the high-water mark across `vfork` and `exec`).
        let memoryFile = errorFile + ".rss"
        defer { try? FileManager.default.removeItem(atPath: memoryFile) }
        let script = "cd \"$0\" && m=\"$1\" && shift && exec /usr/bin/time -f %M -o \"$m\" \"$@\""
        let argv = (["/bin/sh", "-c", script, directory, memoryFile, path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let start = DispatchTime.now()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ChildError(message: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let signal = status & 0x7f
        let exit = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        let errorText = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        let memory = (try? String(contentsOfFile: memoryFile, encoding: .utf8))?.split(separator: "\n").last
        return TimedChild(
            seconds: seconds,
            peakBytes: (memory.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } ?? 0) * 1024,
            status: exit,
            standardError: String(errorText.suffix(65536)))
    }

    /// Fails with the program's standard error unless it exited 0.
    func checked(_ what: String) throws -> TimedChild {
        guard status == 0 else { throw ChildError(message: "\(what) exited with \(status): \(standardError)") }
        return self
    }

    struct ChildError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
