import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// One file descriptor that several tasks write whole chunks to, one chunk at a time, so
/// lines from concurrent tasks never interleave.
final class OutputSink: Sendable {
    /// Standard output.
    static let standardOutput = OutputSink(descriptor: STDOUT_FILENO)

    let descriptor: Int32
    /// Held for each whole chunk written to ``descriptor``.
    private let lock = NIOLock()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `text` in full (retrying short writes); gives up silently on a closed pipe.
    func write(_ text: String) {
        lock.withLock { unlockedWrite(text) }
    }

    /// Runs `body` while holding the sink, for output that must not be split (a redraw).
    func exclusively<T>(_ body: (_ write: (String) -> Void) -> T) -> T {
        lock.withLock { body(unlockedWrite) }
    }

    /// Whether the descriptor is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }

    private func unlockedWrite(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
