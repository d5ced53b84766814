import Foundation
import PipelineStore

/// Runs work in a task of its own that must answer within a time limit: postgres-nio's pool keeps
/// retrying a server that is down, so a call would otherwise wait for ever.
///
/// The work runs unstructured, so the caller gets its answer (or the timeout) at once even if the
/// work is still stuck; on timeout the work is cancelled and left to finish.
enum Deadline {
    /// Runs `work`, failing with ``StateStoreError/unreachable(path:reason:)`` after `seconds`.
    ///
    /// - Parameter detached: When true, the caller's cancellation is not passed on (a state
    ///   change is never abandoned half-way because a run is stopping); when false it is.
    static func run<T: Sendable>(
        seconds: Double, location: PostgresLocation, detached: Bool = false,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        let worker = Task.detached { race.finish(with: await Result(catching: { try await work() })) }
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
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?
    private var waiter: CheckedContinuation<Result<T, any Error>, Never>?

    func finish(with result: Result<T, any Error>) {
        let waiter: CheckedContinuation<Result<T, any Error>, Never>? = lock.withLock {
            guard self.result == nil else { return nil }
            self.result = result
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(returning: result)
    }

    func value() async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            let ready: Result<T, any Error>? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
