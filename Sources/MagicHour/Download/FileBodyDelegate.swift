import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Receives one download on the connection's event loop and writes a `200` body to a file.
///
/// Body parts are copied into a block of ``blockSize`` bytes; a full block is written on the file
/// system's thread pool while the next one fills, so network and disk overlap. Reading pauses only
/// while ``maxInFlight`` writes are pending, which bounds memory to `maxInFlight + 1` blocks
/// whatever the size of the file. (AsyncHTTPClient's `async` body sequence buffers one part and
/// hops threads for each one, which halves the throughput of a large download.)
///
/// On Linux each written block is handed to the disk at once (`posix_fadvise(POSIX_FADV_DONTNEED)`
/// starts writeback of the range's dirty pages without waiting for it), so the disk writes while
/// the network receives, the caller's final fsync has little left to flush, and the video does not
/// linger in the page cache.
///
/// A non-`200` body is kept in memory, up to ``errorBodyLimit`` bytes, for its error message.
/// Every callback runs on the request's event loop; the state sits behind a lock only because
/// write completions come back from the thread pool.
final class FileBodyDelegate: HTTPClientResponseDelegate {
    /// What one GET produced.
    struct Outcome: Sendable {
        /// The response status.
        var status: HTTPResponseStatus
        /// The response headers.
        var headers: HTTPHeaders
        /// The first bytes of a non-`200` body.
        var errorBody: [UInt8]
        /// Body bytes received for a `200` (all written once ``FileBodyDelegate/drained(on:)`` completes).
        var received: Int64
    }

    /// Size of one write.
    static let blockSize = 2 << 20
    /// Writes pending at once before reading pauses.
    static let maxInFlight = 2
    /// How much of an error body is kept.
    static let errorBodyLimit = 64 << 10

    private struct State {
        var head: HTTPResponseHead?
        var block = ByteBuffer()
        var offset: Int64 = 0
        var received: Int64 = 0
        var errorBody: [UInt8] = []
        var pendingWrites = 0
        /// Completed when a write finishes while reading is paused.
        var slotWaiter: EventLoopPromise<Void>?
        /// Completed when the last pending write finishes.
        var drainWaiters: [EventLoopPromise<Void>] = []
        var writeError: (any Error)?
    }

    private let state = NIOLockedValueBox(State())
    private let handle: WriteFileHandle

    /// A delegate writing to `handle` from offset 0.
    init(writingTo handle: WriteFileHandle) {
        self.handle = handle
    }

    /// Once the response head has arrived: its Content-Length, and the body bytes received so far.
    var bodyProgress: (expected: Int64?, received: Int64)? {
        state.withLockedValue { state in
            state.head.map { head in
                (head.headers.first(name: "Content-Length").flatMap { Int64($0) }, state.received)
            }
        }
    }

    /// A future that completes when no write is pending any more (successful or not).
    func drained(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        state.withLockedValue { state in
            if state.pendingWrites == 0 { return eventLoop.makeSucceededVoidFuture() }
            let promise = eventLoop.makePromise(of: Void.self)
            state.drainWaiters.append(promise)
            return promise.futureResult
        }
    }

    /// The first write failure, if any.
    var writeError: (any Error)? { state.withLockedValue { $0.writeError } }

    // MARK: - HTTPClientResponseDelegate

    func didReceiveHead(task: HTTPClient.Task<Outcome>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLockedValue { state in
            state.head = head
            if head.status == .ok { state.block.reserveCapacity(Self.blockSize) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Outcome>, _ part: ByteBuffer) -> EventLoopFuture<Void> {
        let eventLoop = task.eventLoop
        return state.withLockedValue { state in
            if let error = state.writeError { return eventLoop.makeFailedFuture(error) }
            guard state.head?.status == .ok else {
                let room = Self.errorBodyLimit - state.errorBody.count
                if room > 0 { state.errorBody += part.readableBytesView.prefix(room) }
                return eventLoop.makeSucceededVoidFuture()
            }
            state.received += Int64(part.readableBytes)
            // Submit before the block would grow past its capacity (a reallocation doubles it).
            if state.block.readableBytes > 0, state.block.readableBytes + part.readableBytes > Self.blockSize {
                submitBlock(&state, on: eventLoop)
            }
            state.block.writeImmutableBuffer(part)
            guard state.pendingWrites >= Self.maxInFlight else { return eventLoop.makeSucceededVoidFuture() }
            let promise = eventLoop.makePromise(of: Void.self)
            state.slotWaiter = promise
            return promise.futureResult
        }
    }

    func didReceiveError(task: HTTPClient.Task<Outcome>, _ error: any Error) {}

    func didFinishRequest(task: HTTPClient.Task<Outcome>) throws -> Outcome {
        try state.withLockedValue { state in
            if let error = state.writeError { throw error }
            if state.block.readableBytes > 0 { submitBlock(&state, on: task.eventLoop) }
            let head = state.head ?? HTTPResponseHead(version: .http1_1, status: .internalServerError)
            return Outcome(
                status: head.status, headers: head.headers, errorBody: state.errorBody, received: state.received)
        }
    }

    // MARK: - Writing

    /// Starts writing the current block at the current offset and gives `state` a fresh block.
    private func submitBlock(_ state: inout State, on eventLoop: any EventLoop) {
        let data = state.block
        let offset = state.offset
        state.offset += Int64(data.readableBytes)
        state.block = ByteBuffer()
        state.block.reserveCapacity(Self.blockSize)
        state.pendingWrites += 1
        let handle = self.handle
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask {
            try await handle.write(contentsOf: data, toAbsoluteOffset: offset)
            try await Self.startWriteback(handle, offset: offset, length: Int64(data.readableBytes))
        }
        promise.futureResult.whenComplete { result in
            self.writeFinished(result)
        }
    }

    private func writeFinished(_ result: Result<Void, any Error>) {
        let (slot, drained) = state.withLockedValue { state in
            state.pendingWrites -= 1
            if case .failure(let error) = result, state.writeError == nil { state.writeError = error }
            let slot = state.slotWaiter
            state.slotWaiter = nil
            var drained: [EventLoopPromise<Void>] = []
            if state.pendingWrites == 0 { swap(&drained, &state.drainWaiters) }
            return (slot, drained)
        }
        switch result {
        case .success: slot?.succeed()
        case .failure(let error): slot?.fail(error)
        }
        drained.forEach { $0.succeed() }
    }

    #if os(Linux)
        /// Starts writing `length` bytes at `offset` to the disk without waiting for it.
        private static func startWriteback(_ handle: WriteFileHandle, offset: Int64, length: Int64) async throws {
            _ = try await handle.withUnsafeDescriptor { descriptor in
                posix_fadvise(descriptor.rawValue, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
            }
        }
    #else
        private static func startWriteback(_ handle: WriteFileHandle, offset: Int64, length: Int64) async throws {}
    #endif
}
