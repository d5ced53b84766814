import NIOCore
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed-size buffer that collects body parts until it is written to a file in one go.
///
/// Its memory is mapped straight from the system rather than from `malloc`, so it goes back to the
/// system when the download ends: large short-lived allocations from the event loop threads would
/// otherwise stay in their malloc arenas and raise the process's resident size for good.
///
/// A block has one owner at a time: the download's state while it fills, then the write that
/// empties it. That hand-over is what makes the unchecked `Sendable` sound.
final class WriteBlock: @unchecked Sendable {
    /// The bytes it can hold.
    let capacity: Int
    /// The bytes it holds.
    private(set) var count = 0
    private let base: UnsafeMutableRawPointer

    /// Maps `capacity` bytes; `nil` when the system refuses.
    init?(capacity: Int) {
        // MAP_FAILED is `(void *) -1`, a macro Swift does not import.
        guard let mapped = mmap(nil, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        self.base = mapped
        self.capacity = capacity
    }

    deinit {
        munmap(base, capacity)
    }

    /// The room left.
    var free: Int { capacity - count }

    /// Copies `part`'s readable bytes in; they must fit in ``free``.
    func append(_ part: ByteBuffer) {
        precondition(part.readableBytes <= free, "a body part larger than the room left in its block")
        part.withUnsafeReadableBytes { bytes in
            guard let source = bytes.baseAddress else { return }
            (base + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += part.readableBytes
    }

    /// Empties the block for reuse.
    func clear() {
        count = 0
    }

    /// Writes the whole block at `offset` of the open file `descriptor` (blocking), retrying short
    /// writes.
    /// - Throws: `FileSystemError` naming the system's reason (a full disk, a file size limit…).
    func write(to descriptor: CInt, at offset: Int64) throws {
        var written = 0
        while written < count {
            let result = pwrite(descriptor, base + written, count - written, off_t(offset + Int64(written)))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw FileSystemError(
                    code: code == ENOSPC || code == EDQUOT || code == EFBIG ? .resourceExhausted : .io,
                    message: "Can't write the download: \(String(cString: strerror(code))).",
                    cause: nil,
                    location: .init(function: #function, file: #fileID, line: #line))
            }
            written += result
        }
    }
}
