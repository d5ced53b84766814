import AsyncHTTPClient
import NIOCore
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Streams a response body to a file with block writes in flight while the next block is
/// received: network and disk overlap, and memory stays bounded (`maxInFlight + 1` blocks plus what
/// the HTTP stack buffers), whatever the size of the file.
///
/// On Linux each written block is handed to the disk at once (`posix_fadvise(POSIX_FADV_DONTNEED)`
/// starts writeback of the range's dirty pages without waiting for it), so the disk writes while
/// the network receives and the caller's final fsync has little left to flush; the video does not
/// linger in the page cache either. Elsewhere an fsync is queued every `syncInterval` bytes.
enum OverlappedWriter {
    /// Size of one write.
    static let blockSize = 2 << 20
    /// Writes (and syncs) running at once.
    static let maxInFlight = 2
    /// Bytes between two intermediate fsyncs where blocks are not handed to the disk one by one.
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
                group.addTask {
                    try await handle.write(contentsOf: data, toAbsoluteOffset: at)
                    try await startWriteback(handle, offset: at, length: Int64(data.readableBytes))
                }
                offset += Int64(data.readableBytes)
                if !startsWritebackPerBlock, offset - lastSync >= syncInterval {
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

    #if os(Linux)
        static let startsWritebackPerBlock = true

        /// Starts writing `length` bytes at `offset` to the disk without waiting for it.
        private static func startWriteback(_ handle: WriteFileHandle, offset: Int64, length: Int64) async throws {
            _ = try await handle.withUnsafeDescriptor { descriptor in
                posix_fadvise(descriptor.rawValue, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
            }
        }
    #else
        static let startsWritebackPerBlock = false

        private static func startWriteback(_ handle: WriteFileHandle, offset: Int64, length: Int64) async throws {}
    #endif
}
