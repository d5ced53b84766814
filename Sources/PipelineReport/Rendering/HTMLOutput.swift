import Foundation

/// Where the writer's HTML goes: a file, written in large chunks, or memory. The first write
/// error is kept (and later writes dropped) so that drawing code needs no error handling.
final class HTMLOutput {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private(set) var memory: [UInt8] = []
    /// The first error met while writing to the file.
    private(set) var failure: String?

    /// Output to `handle`, or to memory when nil.
    init(handle: FileHandle?) {
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Sends what is buffered to the file (or memory).
    func flush() {
        guard let handle else {
            memory.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        if failure == nil {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                failure = error.localizedDescription
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
