import Foundation

/// A separate python3 process that flocks a file, writes a holder line in RunLock's format,
/// prints "locked" and sleeps until killed (run through swift-subprocess).
final class LockHoldingChild: Sendable {
    private let process: ChildProcess

    private init(process: ChildProcess) {
        self.process = process
    }

    /// Starts the child and waits until it says it holds the lock on `path`.
    static func start(path: String, host: String = "child-host") async throws -> LockHoldingChild {
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
        let process = try await ChildProcess.start(program: "python3", ["-c", script, path, host])
        guard try await process.waitForOutput(containing: "locked") else {
            await process.kill()
            throw CocoaError(.fileLocking)
        }
        return LockHoldingChild(process: process)
    }

    var pid: Int32 { process.pid }

    /// SIGKILLs the child and waits for it to be gone.
    func kill() async {
        await process.kill()
    }

    deinit {
        process.signal(SIGKILL)
        process.closeInput()
    }
}
