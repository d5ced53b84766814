import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Computes the SHA-256 of files, streamed in chunks of at most 1 MiB so memory stays flat.
public struct FileDigester: Sendable {
    public init() {}

    /// The hex SHA-256 of a file's content.
    public func sha256(ofFileAt path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(errno, path: path, opening: true) }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        // Small files are read whole (plus the read that sees the end) into a buffer their size.
        let chunkSize = min(max(size + 1, 4096), 1 << 20)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path: path, opening: false)
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return Hex.encode(hasher.finalize())
    }

    private static func error(_ number: Int32, path: String, opening: Bool) -> CocoaError {
        let code: CocoaError.Code =
            switch number {
            case ENOENT where opening: .fileReadNoSuchFile
            case EACCES, EPERM: .fileReadNoPermission
            default: .fileReadUnknown
            }
        let underlying =
            POSIXErrorCode(rawValue: number).map { POSIXError($0) as Error } ?? CocoaError(.fileReadUnknown)
        return CocoaError(code, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: underlying])
    }

    /// The hex SHA-256 of a text.
    public static func sha256(of text: String) -> String {
        Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }
}

/// Lower-case hexadecimal.
enum Hex {
    static func encode(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { out in
                for (position, byte) in raw.enumerated() {
                    out[2 * position] = digit(byte >> 4)
                    out[2 * position + 1] = digit(byte & 0x0F)
                }
                return raw.count * 2
            }
        }
    }

    static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// A fast, stable (not randomised) 64-bit FNV-1a hash for short tags in file names.
enum StableTag {
    static func of(_ text: String, length: Int = 8) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        // The first `length` digits of the hash in 16 zero-padded hex digits.
        let count = min(length, 16)
        return String(unsafeUninitializedCapacity: count) { out in
            for position in 0..<count {
                out[position] = Hex.digit(UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(position))) & 0x0F)
            }
            return count
        }
    }
}
