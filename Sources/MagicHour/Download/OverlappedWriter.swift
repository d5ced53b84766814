import AsyncHTTPClient
import NIOCore
import _NIOFileSystem

/// Streams a response body to a file with block writes in flight while the next block is
/// received: network and disk overlap, and memory stays bounded (`maxInFlight + 1` blocks plus what
/// the HTTP stack buffers), whatever the size of the file. Every `syncInterval` bytes an fsync is
/// queued too, so the final fsync has little left to flush.
enum OverlappedWriter {
    /// Size of one write.
    static let blockSize = 2 << 20
    /// Writes (and syncs) running at once.
    static let maxInFlight = 2
    /// Bytes between two intermediate fsyncs.
    static let syncInterval: Int64 = 128 << 20

    /// Writes `body` to `handle` from offset 0; returns the bytes received. A failure of the body
    /// stream is reported as ``DownloadAttemptError/incomplete(expected:received:cause:)``.
    static func write(
        _ body: HTTPClientResponse.Body,
        to handle: WriteFileHandle,
        expected: Int64?
    ) async throws -> Int64 {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var block = ByteBuffer()
            block.reserveCapacity(blockSize)
            var offset: Int64 = 0
            var received: Int64 = 0
            var inFlight = 0
            var lastSync: Int64 = 0
            func reserveSlot() async throws {
                if inFlight >= maxInFlight {
                    try await group.next()
                    inFlight -= 1
                }
                inFlight += 1
            }
            func submit(_ data: ByteBuffer) async throws {
                try await reserveSlot()
                let at = offset
                group.addTask { try await handle.write(contentsOf: data, toAbsoluteOffset: at) }
                offset += Int64(data.readableBytes)
                if offset - lastSync >= syncInterval {
                    lastSync = offset
                    try await reserveSlot()
                    group.addTask { try await handle.synchronize() }
                }
            }
            do {
                for try await chunk in body {
                    received += Int64(chunk.readableBytes)
                    // Submit before the block would grow past its capacity (a reallocation doubles it).
                    if block.readableBytes > 0, block.readableBytes + chunk.readableBytes > blockSize {
                        try await submit(block)
                        block = ByteBuffer()
                        block.reserveCapacity(blockSize)
                    }
                    block.writeImmutableBuffer(chunk)
                }
            } catch let error as FileSystemError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                try await group.waitForAll()
                throw DownloadAttemptError.incomplete(expected: expected, received: received, cause: "\(error)")
            }
            if block.readableBytes > 0 { try await submit(block) }
            try await group.waitForAll()
            return received
        }
    }
}
