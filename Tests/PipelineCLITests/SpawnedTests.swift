import Foundation
import Testing

/// The tests' one runner of child programs (swift-subprocess underneath): what a child prints,
/// its status, its input, signals while it runs, deadlines, and what it is given to start with.
@Suite("Spawned")
struct SpawnedTests {
    @Test("both streams are captured apart, and the exit status is the child's")
    func capturesBothStreamsAndTheStatus() async throws {
        let result = try await Spawned.start("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]).finish(timeout: 30)
        #expect(result.status == 3)
        #expect(result.standardOutput == "out\n")
        #expect(result.standardError == "err\n")
        #expect(result.allOutput == "out\nerr\n")
        #expect(!result.timedOut)
    }

    @Test("the input is written to standard input, which then ends")
    func writesTheInputThenEndsIt() async throws {
        let result = try await Spawned.start("/bin/sh", ["-c", "cat; echo done"], input: "line one\nline two\n")
            .finish(timeout: 30)
        #expect(result.status == 0)
        #expect(result.standardOutput == "line one\nline two\ndone\n")
    }

    @Test("without input, standard input is at its end from the start (nothing waits for it)")
    func noInputIsAnEndedInput() async throws {
        let result = try await Spawned.start("/bin/sh", ["-c", "cat; echo after"]).finish(timeout: 30)
        #expect(result.status == 0)
        #expect(result.standardOutput == "after\n")
    }

    @Test("an output larger than a pipe's buffer does not block the child")
    func largeOutputDoesNotBlock() async throws {
        // 4 MiB on standard output and 1 MiB on standard error, far past the 64 KiB of a pipe.
        let script = "head -c 4194304 /dev/zero | tr '\\0' a; head -c 1048576 /dev/zero | tr '\\0' b >&2"
        let result = try await Spawned.start("/bin/sh", ["-c", script]).finish(timeout: 60)
        #expect(result.status == 0)
        #expect(result.outputData.count == 4_194_304)
        #expect(result.standardError.utf8.count == 1_048_576)
        #expect(result.standardOutput.allSatisfy { $0 == "a" })
    }

    @Test("what a running child has printed can be read before it ends")
    func outputSoFarWhileRunning() async throws {
        let child = try await Spawned.start("/bin/sh", ["-c", "echo ready; sleep 30"])
        let deadline = Date().addingTimeInterval(20)
        while !child.outputSoFar.contains("ready"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(child.outputSoFar == "ready\n")
        #expect(child.isRunning)
        child.signal(SIGKILL)
        let result = try await child.finish(timeout: 30)
        #expect(result.status == SIGKILL, "a child ended by a signal reports the signal's number")
        #expect(!child.isRunning)
    }

    @Test("SIGSTOP pauses a child and SIGCONT resumes it; SIGTERM ends it")
    func stopContinueAndTerminate() async throws {
        // The child counts on standard output every 50 ms.
        let child = try await Spawned.start(
            "/bin/sh", ["-c", "i=0; while true; do i=$((i+1)); echo $i; sleep 0.05; done"])
        try await Self.waitForLines(child, atLeast: 2)
        child.signal(SIGSTOP)
        try await Task.sleep(for: .milliseconds(200))
        let paused = child.outputSoFar
        try await Task.sleep(for: .milliseconds(400))
        #expect(child.outputSoFar == paused, "a stopped child printed more")
        child.signal(SIGCONT)
        try await Self.waitForLines(child, atLeast: Self.lines(paused) + 2)
        child.signal(SIGTERM)
        let result = try await child.finish(timeout: 300)
        #expect(result.status == SIGTERM)
        #expect(Self.lines(result.standardOutput) > Self.lines(paused))
    }

    @Test("a child past its deadline is killed and said to have timed out")
    func aDeadlineKillsTheChild() async throws {
        let started = Date()
        let result = try await Spawned.start("/bin/sh", ["-c", "echo begun; sleep 600"])
            .finish(timeout: 0.5, recordTimeout: false)
        #expect(result.timedOut)
        #expect(result.status == SIGKILL)
        #expect(result.standardOutput == "begun\n", "what it printed before the deadline is kept")
        #expect(Date().timeIntervalSince(started) < 300, "killed, not waited for to its end")
        #expect(result.seconds >= 0.5)
    }

    @Test("a signal to a child that has ended reaches no one")
    func aSignalAfterTheEndIsIgnored() async throws {
        let child = try await Spawned.start("/bin/sh", ["-c", "exit 0"])
        let result = try await child.finish(timeout: 30)
        #expect(result.status == 0)
        child.signal(SIGKILL)
        #expect(!child.isRunning)
        #expect(child.pid > 0)
    }

    @Test("the environment given is the whole environment, and the folder is the working folder")
    func environmentAndFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spawned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await Spawned.start(
            "/bin/sh", ["-c", "pwd; echo \"$ONLY_THIS\"; env | grep -c . "], in: folder.path,
            environment: ["ONLY_THIS": "value with spaces", "PATH": "/usr/bin:/bin"]
        ).finish(timeout: 30)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.allOutput)")
        #expect(Self.realPath(lines.first ?? "") == Self.realPath(folder.path))
        #expect(lines.dropFirst().first == "value with spaces")
        // ONLY_THIS and PATH, plus what sh sets itself (PWD, SHLVL, _): nothing inherited.
        #expect((Int(lines.last ?? "") ?? 99) <= 5, "\(result.allOutput)")
    }

    @Test("a program that cannot be started is an error at the start")
    func aMissingProgramThrows() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await Spawned.start("/no/such/program-\(UUID().uuidString)", [])
        }
    }

    @Test("many children at once each keep their own output")
    func manyChildrenAtOnce() async throws {
        var children: [Spawned] = []
        for number in 0..<12 {
            children.append(try await Spawned.start("/bin/sh", ["-c", "sleep 0.1; echo child-\(number)"]))
        }
        for (number, child) in children.enumerated() {
            let result = try await child.finish(timeout: 60)
            #expect(result.status == 0)
            #expect(result.standardOutput == "child-\(number)\n")
        }
    }

    @Test("CommandRunner and TimedCommand go through the same runner")
    func theWrappersAgree() async throws {
        let plain = try await CommandRunner.run(program: "/bin/sh", ["-c", "echo $0; exit 4"], input: nil)
        #expect(plain.status == 4)
        #expect(plain.standardOutput == "/bin/sh\n")
        let version = try await CommandRunner.run(["--version"])
        #expect(version.status == 0)
        let timed = try await TimedCommand.run(["--version"], in: CommandRunner.repository, timeout: 60)
        #expect(!timed.timedOut)
        #expect(timed.standardOutput == version.standardOutput)
    }

    static func lines(_ text: String) -> Int {
        text.split(separator: "\n").count
    }

    static func waitForLines(_ child: Spawned, atLeast count: Int) async throws {
        let deadline = Date().addingTimeInterval(20)
        while lines(child.outputSoFar) < count {
            try #require(Date() < deadline, "the child printed \(lines(child.outputSoFar)) lines, not \(count)")
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
