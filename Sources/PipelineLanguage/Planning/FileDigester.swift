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
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
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
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(length))
    }
}
