import Foundation
import NIOConcurrencyHelpers
import Subprocess
import SystemPackage
import Testing

/// A child process run through swift-subprocess that a test can signal while it runs, read what
/// it has printed so far, and wait for without blocking a thread.
///
/// swift-subprocess scopes a child to the closure passed to `run`: its `Execution` (the handle
/// that sends signals) is valid only inside that closure. A test needs the child beyond one
/// scope (start it, poll its output, SIGSTOP or SIGKILL it, later wait for it), so the closure
/// runs in a task of its own for the child's whole life: it reads both streams to their end and
/// keeps the `Execution` where ``signal(_:)`` finds it. The child is reaped only after the
/// closure returns, so a signal sent while the handle is there can never reach a reused pid.
final class Spawned: Sendable {
    /// What the child did: its exit status (the signal number when a signal ended it), what it
    /// printed, whether it outlived its deadline (and was killed), and how long it ran.
    struct Result {
        var status: Int32
        var outputData: Data
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
        var seconds: Double
        /// Both streams, for assertions about what the user saw.
        var allOutput: String { standardOutput + standardError }
    }

    private typealias Handle = Execution<CustomWriteInput, SequenceOutput, SequenceOutput>

    private struct State {
        var output = Data()
        var error = Data()
        /// The live child's handle; nil before the spawn and once both streams have ended.
        var handle: Handle?
        var pid: Int32 = 0
        /// Set once swift-subprocess has reaped the child.
        var reaped = false
        /// When the exit watch saw the child exit (a zombie or gone).
        var exitedAt: ContinuousClock.Instant?
    }

    private let state = NIOLockedValueBox(State())
    private let child = NIOLockedValueBox<Task<TerminationStatus, any Error>?>(nil)
    private let started = ContinuousClock.now
    let arguments: [String]
    /// The child's process id.
    var pid: Int32 { state.withLockedValue { $0.pid } }

    private init(arguments: [String]) {
        self.arguments = arguments
    }

    /// Starts `executable` (an absolute path) with `arguments`; `input`, when given, is written to
    /// its standard input, which then ends (without `input` it ends at once).
    /// - Throws: swift-subprocess's error when the program cannot be started.
    static func start(
        _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil,
        input: String? = nil
    ) async throws -> Spawned {
        let spawned = Spawned(arguments: arguments)
        let (pids, pidInput) = AsyncThrowingStream.makeStream(of: Int32.self)
        let task = Task<TerminationStatus, any Error> {
            defer { spawned.state.withLockedValue { $0.reaped = true } }
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments),
                    environment: environment.map(Self.environment) ?? .inherit,
                    workingDirectory: directory.map { FilePath($0) }, input: .inputWriter, output: .sequence,
                    error: .sequence
                ) { execution in
                    spawned.state.withLockedValue {
                        $0.handle = execution
                        $0.pid = execution.processIdentifier.value
                    }
                    pidInput.yield(execution.processIdentifier.value)
                    pidInput.finish()
                    await spawned.serve(execution, input: input)
                }
                return result.terminationStatus
            } catch {
                pidInput.finish(throwing: error)
                throw error
            }
        }
        spawned.child.withLockedValue { $0 = task }
        guard let pid = try await pids.first(where: { _ in true }) else { throw CancellationError() }
        spawned.watchExit(pid)
        return spawned
    }

    /// `pipeline ARGS…` in `directory`.
    static func pipeline(
        _ arguments: [String], in directory: String, environment: [String: String]
    ) async throws -> Spawned {
        try await start(CommandRunner.executable, arguments, in: directory, environment: environment)
    }

    /// The child's life inside swift-subprocess's closure: the handle is published for signals,
    /// the input written, and both streams read until the child closes them.
    private func serve(_ execution: Handle, input: String?) async {
        defer { state.withLockedValue { $0.handle = nil } }
        async let written: Void = {
            if let input { _ = try? await execution.standardInputWriter.write(input) }
            try? await execution.standardInputWriter.finish()
        }()
        async let output: Void = read(execution.standardOutput) { $0.output.append($1) }
        async let error: Void = read(execution.standardError) { $0.error.append($1) }
        _ = await (written, output, error)
    }

    private func read(_ stream: SubprocessOutputSequence, into append: @Sendable (inout State, Data) -> Void) async {
        do {
            for try await chunk in stream {
                let data = chunk.withUnsafeBytes { Data($0) }
                state.withLockedValue { append(&$0, data) }
            }
        } catch {
            // The child exited while a grandchild kept the pipe open: what was read stays.
        }
    }

    private static func environment(_ values: [String: String]) -> Environment {
        var keyed: [Environment.Key: String] = [:]
        for (name, value) in values {
            if let key = Environment.Key(rawValue: name) { keyed[key] = value }
        }
        return .custom(keyed)
    }

    /// Whether the child has not exited yet.
    var isRunning: Bool { state.withLockedValue { !$0.reaped && $0.exitedAt == nil } }

    /// Notes the instant the child exits, on a thread of its own: in a full parallel suite the
    /// cooperative pool can be busy for many seconds, and a child that ended in time must not
    /// be taken for one that outlived its deadline, nor its time be counted longer than it ran.
    /// It reads the child's state in /proc (a zombie is exited); swift-subprocess still reaps it.
    private func watchExit(_ pid: Int32) {
        let state = state
        let thread = Thread {
            let path = "/proc/\(pid)/stat"
            while true {
                if state.withLockedValue({ $0.reaped }) { break }
                let stat = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                // The state follows the command name in parentheses: `PID (NAME) S ...`.
                let status = stat.lastIndex(of: ")").flatMap { stat[$0...].dropFirst(2).first }
                if stat.isEmpty || status == "Z" || status == "X" {
                    state.withLockedValue { $0.exitedAt = $0.exitedAt ?? .now }
                    break
                }
                usleep(5_000)
            }
        }
        thread.start()
    }

    /// Sends signal `number` to the child while it runs (nothing once its streams have ended).
    func signal(_ number: Int32) {
        state.withLockedValue { state in
            _ = try? state.handle?.send(signal: Signal(rawValue: number))
        }
    }

    /// What it has printed on standard output so far.
    var outputSoFar: String {
        String(decoding: state.withLockedValue { $0.output }, as: UTF8.self)
    }

    /// Waits (without blocking a thread) for the exit. Past `timeout` seconds (when given) the
    /// child is SIGKILLed; `recordTimeout` makes that a test issue.
    func finish(timeout: Double? = 120, recordTimeout: Bool = true) async throws -> Result {
        var timedOut = false
        if let timeout {
            let deadline = started + .seconds(timeout)
            while isRunning {
                if ContinuousClock.now > deadline, isRunning {
                    timedOut = true
                    signal(SIGKILL)
                    if recordTimeout {
                        Issue.record("process \(arguments) did not finish within \(timeout) s; killed")
                    }
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        guard let task = child.withLockedValue({ $0 }) else { throw CancellationError() }
        let status: Int32
        switch try await task.value {
        case .exited(let code): status = code
        case .signaled(let number): status = number
        }
        let (out, err, exitedAt) = state.withLockedValue { ($0.output, $0.error, $0.exitedAt) }
        let elapsed = (exitedAt ?? ContinuousClock.now) - started
        return Result(
            status: status, outputData: out, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self), timedOut: timedOut,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
