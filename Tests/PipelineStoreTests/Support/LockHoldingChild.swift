import Foundation

/// A separate python3 process that flocks a file, writes a holder line in RunLock's format,
/// prints "locked" and sleeps until killed.
final class LockHoldingChild {
    let process = Process()
    private let output = Pipe()

    init(path: String, host: String = "child-host") throws {
        let script = """
            import fcntl, json, os, sys, time
            f = open(sys.argv[1], "a+")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.truncate(0)
            f.write(json.dumps({"pid": os.getpid(), "host": sys.argv[2], "startedAt": "2026-05-01T06:00:00Z"}))
            f.flush()
            print("locked", flush=True)
            time.sleep(120)
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, host]
        process.standardOutput = output
        try process.run()
        // Wait for the child to say it holds the lock.
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("locked") else {
            process.terminate()
            throw CocoaError(.fileLocking)
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// SIGKILLs the child and waits for it to be gone.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill() }
    }
}
