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
/// Body parts are copied into a ``WriteBlock`` of ``blockSize`` bytes; a full block is written on
/// the file system's thread pool while the next one fills, so network and disk overlap. Reading
/// pauses only while ``maxInFlight`` writes are pending, which bounds memory to `maxInFlight + 1`
/// blocks whatever the size of the file; the blocks are reused, and returned to the system at the
/// end. (AsyncHTTPClient's `async` body sequence buffers one part and
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
        /// The block filling up (from a `200` head on).
        var block: WriteBlock?
        var offset: Int64 = 0
        var received: Int64 = 0
        var errorBody: [UInt8] = []
        var pendingWrites = 0
        /// Completed when a write finishes while reading is paused.
        var slotWaiter: EventLoopPromise<Void>?
        /// Completed when the last pending write finishes.
        var drainWaiters: [EventLoopPromise<Void>] = []
        var writeError: (any Error)?
        /// Written blocks, emptied, for the next ones.
        var spareBlocks: [WriteBlock] = []
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
        state.withLockedValue { state -> EventLoopFuture<Void> in
            state.head = head
            guard head.status == .ok else { return task.eventLoop.makeSucceededVoidFuture() }
            guard let block = WriteBlock(capacity: Self.blockSize) else {
                return task.eventLoop.makeFailedFuture(Self.outOfMemory())
            }
            state.block = block
            return task.eventLoop.makeSucceededVoidFuture()
        }
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Outcome>, _ part: ByteBuffer) -> EventLoopFuture<Void> {
        let eventLoop = task.eventLoop
        return state.withLockedValue { state in
            if let error = state.writeError { return eventLoop.makeFailedFuture(error) }
            guard state.block != nil else {
                let room = Self.errorBodyLimit - state.errorBody.count
                if room > 0 { state.errorBody += part.readableBytesView.prefix(room) }
                return eventLoop.makeSucceededVoidFuture()
            }
            state.received += Int64(part.readableBytes)
            var part = part
            while part.readableBytes > 0 {
                // Submit a block when the next part does not fit (measured: faster than filling
                // every block to the byte), unless the part is bigger than a whole block.
                if let block = state.block, block.count > 0, block.free < part.readableBytes {
                    submitBlock(&state, on: eventLoop)
                    guard let next = state.spareBlocks.popLast() ?? WriteBlock(capacity: Self.blockSize) else {
                        return eventLoop.makeFailedFuture(Self.outOfMemory())
                    }
                    state.block = next
                }
                let block = state.block!
                block.append(part.readSlice(length: min(block.free, part.readableBytes))!)
            }
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
            if let block = state.block, block.count > 0 { submitBlock(&state, on: task.eventLoop) }
            state.block = nil
            let head = state.head ?? HTTPResponseHead(version: .http1_1, status: .internalServerError)
            return Outcome(
                status: head.status, headers: head.headers, errorBody: state.errorBody, received: state.received)
        }
    }

    // MARK: - Writing

    /// Starts writing the current block at the current offset, on the file system's thread pool.
    /// The caller gives `state` its next block.
    private func submitBlock(_ state: inout State, on eventLoop: any EventLoop) {
        guard let block = state.block else { return }
        state.block = nil
        let offset = state.offset
        state.offset += Int64(block.count)
        state.pendingWrites += 1
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { [handle] in
            try await handle.withUnsafeDescriptor { descriptor in
                try block.write(to: descriptor.rawValue, at: offset)
                Self.startWriteback(descriptor.rawValue, offset: offset, length: Int64(block.count))
            }
        }
        promise.futureResult.whenComplete { result in
            self.writeFinished(block, result)
        }
    }

    private func writeFinished(_ block: WriteBlock, _ result: Result<Void, any Error>) {
        let (slot, drained) = state.withLockedValue { state in
            state.pendingWrites -= 1
            switch result {
            case .success:
                block.clear()
                state.spareBlocks.append(block)
            case .failure(let error):
                if state.writeError == nil { state.writeError = error }
            }
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

    private static func outOfMemory() -> FileSystemError {
        FileSystemError(
            code: .resourceExhausted, message: "Can't map a \(blockSize >> 20) MiB write buffer for the download.",
            cause: nil, location: .init(function: #function, file: #fileID, line: #line))
    }

    /// Starts writing `length` bytes at `offset` to the disk without waiting for it (Linux only).
    private static func startWriteback(_ descriptor: CInt, offset: Int64, length: Int64) {
        #if os(Linux)
            _ = posix_fadvise(descriptor, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
        #endif
    }
}
