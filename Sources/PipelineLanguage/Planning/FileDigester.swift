import Crypto
import Foundation

/// Computes the SHA-256 of files, streamed in 1 MiB chunks so memory stays flat.
public struct FileDigester: Sendable {
    public init() {}

    /// The hex SHA-256 of a file's content.
    public func sha256(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return Hex.encode(hasher.finalize())
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
        let digits = (0..<min(length, 16)).map { position in
            Hex.digit(UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(position))) & 0x0F)
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
