import Foundation
import NIOConcurrencyHelpers
import Subprocess
import SystemPackage

/// A child process run through swift-subprocess that outlives one call: the test writes to its
/// standard input, waits for a word on its standard output, signals it and waits for its end.
///
/// swift-subprocess scopes a child to the closure passed to `run`, and its `Execution` (the
/// handle that sends signals) is valid only inside it; so the closure runs in a task of its own
/// for the child's whole life, feeds it what ``write(_:)`` queues, reads its output, and keeps
/// the handle where ``signal(_:)`` finds it. The child is reaped only after the closure returns,
/// so a signal can never reach a reused pid.
final class ChildProcess: Sendable {
    private typealias Handle = Execution<CustomWriteInput, SequenceOutput, SequenceOutput>

    private struct State {
        var output = Data()
        var handle: Handle?
        var pid: Int32 = 0
    }

    private let state = NIOLockedValueBox(State())
    private let life = NIOLockedValueBox<Task<TerminationStatus, any Error>?>(nil)
    private let input: AsyncStream<String>.Continuation
    private let pending: AsyncStream<String>

    private init() {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        pending = stream
        input = continuation
    }

    /// Starts `executable` (an absolute path) with `arguments`; its standard input stays open
    /// until ``closeInput()`` or its end.
    static func start(_ executable: String, _ arguments: [String]) async throws -> ChildProcess {
        let child = ChildProcess()
        let (pids, pidInput) = AsyncThrowingStream.makeStream(of: Int32.self)
        let task = Task<TerminationStatus, any Error> {
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), input: .inputWriter,
                    output: .sequence, error: .sequence
                ) { execution in
                    child.state.withLockedValue {
                        $0.handle = execution
                        $0.pid = execution.processIdentifier.value
                    }
                    pidInput.yield(execution.processIdentifier.value)
                    pidInput.finish()
                    await child.serve(execution)
                }
                return result.terminationStatus
            } catch {
                pidInput.finish(throwing: error)
                throw error
            }
        }
        child.life.withLockedValue { $0 = task }
        guard try await pids.first(where: { _ in true }) != nil else { throw CancellationError() }
        return child
    }

    /// `/usr/bin/env NAME ARGUMENTS…`: a program found on `PATH`.
    static func start(program name: String, _ arguments: [String]) async throws -> ChildProcess {
        try await start("/usr/bin/env", [name] + arguments)
    }

    /// The child's life inside swift-subprocess's closure: queued input written, output read.
    private func serve(_ execution: Handle) async {
        defer { state.withLockedValue { $0.handle = nil } }
        let pending = pending
        async let written: Void = {
            for await text in pending { _ = try? await execution.standardInputWriter.write(text) }
            try? await execution.standardInputWriter.finish()
        }()
        async let output: Void = {
            do {
                for try await chunk in execution.standardOutput {
                    let data = chunk.withUnsafeBytes { Data($0) }
                    state.withLockedValue { $0.output.append(data) }
                }
            } catch {}
        }()
        async let errors: Void = {
            do { for try await _ in execution.standardError {} } catch {}
        }()
        _ = await (output, errors)
        input.finish()
        _ = await written
    }

    /// The child's process id.
    var pid: Int32 { state.withLockedValue { $0.pid } }

    /// What it has printed on standard output so far.
    var outputSoFar: String { String(decoding: state.withLockedValue { $0.output }, as: UTF8.self) }

    /// Queues `text` for its standard input.
    func write(_ text: String) { input.yield(text) }

    /// Ends its standard input once what was queued is written.
    func closeInput() { input.finish() }

    /// Waits until its output contains `word`; false when it ended or `timeout` passed first.
    func waitForOutput(containing word: String, timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !outputSoFar.contains(word) {
            let running = state.withLockedValue { $0.handle != nil }
            guard running, ContinuousClock.now < deadline else { return outputSoFar.contains(word) }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Sends signal `number` while the child runs (nothing once it has ended).
    func signal(_ number: Int32) {
        state.withLockedValue { _ = try? $0.handle?.send(signal: Signal(rawValue: number)) }
    }

    /// Waits for the child to end (and be reaped).
    @discardableResult
    func finish() async throws -> TerminationStatus {
        guard let task = life.withLockedValue({ $0 }) else { throw CancellationError() }
        return try await task.value
    }

    /// SIGKILLs the child and waits until it is gone.
    func kill() async {
        signal(SIGKILL)
        closeInput()
        _ = try? await finish()
    }

    /// Runs a program found on `PATH` to its end and returns its standard output.
    static func output(of name: String, _ arguments: [String]) async throws -> String {
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/env")), arguments: Arguments([name] + arguments),
            output: .string(limit: 16 << 20), error: .discarded)
        return result.standardOutput
    }

    /// The pid of a program that has run to its end (and been reaped): a pid no process has.
    static func exitedPID(of executable: String = "/bin/true") async throws -> Int32 {
        let result = try await Subprocess.run(.path(FilePath(executable)), output: .discarded, error: .discarded)
        return result.processIdentifier.value
    }
}
