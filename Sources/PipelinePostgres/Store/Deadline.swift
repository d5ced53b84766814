import Foundation
import NIOConcurrencyHelpers
import PipelineStore

/// Runs work in a task of its own that must answer within a time limit: postgres-nio's pool keeps
/// retrying a server that is down, so a call would otherwise wait for ever.
///
/// The work runs unstructured, so the caller gets its answer (or the timeout) at once even if the
/// work is still stuck; on timeout the work is cancelled and left to finish.
enum Deadline {
    /// Runs `work`, failing with ``StateStoreError/unreachable(path:reason:)`` after `seconds`.
    ///
    /// - Parameters:
    ///   - detached: When true, the caller's cancellation is not passed on (a state change is
    ///     never abandoned half-way because a run is stopping); when false it is.
    ///   - abandoned: Called with a value the work produced after the caller stopped waiting
    ///     (timeout or cancellation), so that a resource such as a connection is closed, not leaked.
    static func run<T: Sendable>(
        seconds: Double, location: PostgresLocation, detached: Bool = false,
        work: @escaping @Sendable () async throws -> T,
        abandoned: (@Sendable (T) async -> Void)? = nil
    ) async throws -> T {
        let race = Race<T>()
        let worker = Task.detached {
            let result = await Result(catching: { try await work() })
            if !race.finish(with: result), case .success(let late) = result { await abandoned?(late) }
        }
        // A Dispatch timer rather than a sleeping task: one task per call, not two.
        let timeout = DispatchWorkItem {
            race.finish(
                with: .failure(
                    StateStoreError.unreachable(
                        path: location.description, reason: "no answer within \(Self.format(seconds)) s")))
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timeout)
        let result = await withTaskCancellationHandler {
            await race.value()
        } onCancel: {
            if !detached { race.finish(with: .failure(CancellationError())) }
        }
        timeout.cancel()
        worker.cancel()
        return try result.get()
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

extension Result where Failure == any Error {
    fileprivate init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

/// The first of several answers, handed to one waiter.
private final class Race<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<Result<T, any Error>, Never>?
    }
    private let state = NIOLockedValueBox(State())

    /// Hands `result` to the waiter; false when another answer came first (it is then ignored).
    @discardableResult
    func finish(with result: Result<T, any Error>) -> Bool {
        let (won, waiter) = state.withLockedValue {
            state -> (Bool, CheckedContinuation<Result<T, any Error>, Never>?) in
            guard state.result == nil else { return (false, nil) }
            state.result = result
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume(returning: result)
        return won
    }

    func value() async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            let ready: Result<T, any Error>? = state.withLockedValue { state in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
