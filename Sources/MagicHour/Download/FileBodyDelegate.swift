import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives one download on the connection's event loop and writes a `200` body to an open file.
///
/// Each body part is written where it arrives, on the event loop, straight from the buffer the
/// socket was read into: no copy, no hand-over to another thread, and nothing kept in memory
/// whatever the size of the file, which is what keeps up with `curl` (measured with
/// `pipeline-bench download`: AsyncHTTPClient's `async` body sequence, which hands over one part
/// at a time, ran at half curl's speed, and blocks handed to a thread pool cost a third more CPU
/// and fell behind curl). Writing to the page cache rarely blocks, and when the
/// disk does hold it up only downloads wait: they run on an event loop of their own
/// (``MagicHourClient`` keeps a second connection pool for them), never on the API's.
///
/// On Linux every ``writebackInterval`` bytes are handed to the disk at once
/// (`posix_fadvise(POSIX_FADV_DONTNEED)` starts writeback of the range's dirty pages without
/// waiting for it), so the disk writes while the network receives, the caller's final fsync has
/// little left to flush, and the video does not linger in the page cache.
///
/// A non-`200` body is kept in memory, up to ``errorBodyLimit`` bytes, for its error message.
/// A failed write fails the request with its `FileSystemError`.
final class FileBodyDelegate: HTTPClientResponseDelegate {
    /// What one GET produced.
    struct Outcome: Sendable {
        /// The response status.
        var status: HTTPResponseStatus
        /// The response headers.
        var headers: HTTPHeaders
        /// The first bytes of a non-`200` body.
        var errorBody: [UInt8]
        /// Body bytes written for a `200`.
        var received: Int64
    }

    /// Bytes written between two requests to start writeback.
    static let writebackInterval: Int64 = 1 << 20
    /// How much of an error body is kept.
    static let errorBodyLimit = 64 << 10

    private struct State {
        var head: HTTPResponseHead?
        var received: Int64 = 0
        var handedToDisk: Int64 = 0
        var errorBody: [UInt8] = []
    }

    // Written on the request's event loop; read from the caller too (the progress after a failure).
    private let state = NIOLockedValueBox(State())
    private let descriptor: CInt
    private let handsToDisk: Bool

    /// A delegate writing to the open file `descriptor` from offset 0, starting writeback as it
    /// goes when `handingToDisk`. The file must stay open until the request's future completes.
    init(writingTo descriptor: CInt, handingToDisk: Bool = true) {
        self.descriptor = descriptor
        self.handsToDisk = handingToDisk
    }

    /// Once the response head has arrived: its Content-Length, and the body bytes written so far.
    var bodyProgress: (expected: Int64?, received: Int64)? {
        state.withLockedValue { state in
            state.head.map { head in
                (head.headers.first(name: "Content-Length").flatMap { Int64($0) }, state.received)
            }
        }
    }

    // MARK: - HTTPClientResponseDelegate

    func didReceiveHead(task: HTTPClient.Task<Outcome>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLockedValue { $0.head = head }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Outcome>, _ part: ByteBuffer) -> EventLoopFuture<Void> {
        let eventLoop = task.eventLoop
        return state.withLockedValue { state in
            guard state.head?.status == .ok else {
                let room = Self.errorBodyLimit - state.errorBody.count
                if room > 0 { state.errorBody += part.readableBytesView.prefix(room) }
                return eventLoop.makeSucceededVoidFuture()
            }
            do {
                try part.withUnsafeReadableBytes { bytes in
                    try Self.write(bytes, to: descriptor, at: state.received)
                }
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
            state.received += Int64(part.readableBytes)
            if handsToDisk, state.received - state.handedToDisk >= Self.writebackInterval {
                Self.startWriteback(descriptor, from: state.handedToDisk, to: state.received)
                state.handedToDisk = state.received
            }
            return eventLoop.makeSucceededVoidFuture()
        }
    }

    func didReceiveError(task: HTTPClient.Task<Outcome>, _ error: any Error) {}

    func didFinishRequest(task: HTTPClient.Task<Outcome>) throws -> Outcome {
        state.withLockedValue { state in
            let head = state.head ?? HTTPResponseHead(version: .http1_1, status: .internalServerError)
            return Outcome(
                status: head.status, headers: head.headers, errorBody: state.errorBody, received: state.received)
        }
    }

    // MARK: - Writing

    /// Writes all of `bytes` at `offset` of `descriptor`, retrying short and interrupted writes.
    /// - Throws: `FileSystemError` naming the system's reason (a full disk, a file size limit…).
    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: CInt, at offset: Int64) throws {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let result = pwrite(descriptor, base + written, bytes.count - written, off_t(offset + Int64(written)))
            if result > 0 {
                written += result
                continue
            }
            // pwrite never answers 0 for a regular file with bytes to write; if it did, stop rather than spin.
            let code = result == 0 ? EIO : errno
            if result < 0, code == EINTR { continue }
            throw FileSystemError(
                code: code == ENOSPC || code == EDQUOT || code == EFBIG ? .resourceExhausted : .io,
                message: "Can't write the download: \(String(cString: strerror(code))).",
                cause: nil,
                location: .init(function: #function, file: #fileID, line: #line))
        }
    }

    /// Starts writing bytes `start..<end` to the disk without waiting for it (Linux only).
    private static func startWriteback(_ descriptor: CInt, from start: Int64, to end: Int64) {
        #if os(Linux)
            _ = posix_fadvise(descriptor, off_t(start), off_t(end - start), POSIX_FADV_DONTNEED)
        #endif
    }
}
