import Foundation
import PipelineBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Computes the SHA-256 of files (``FileSHA256``), reporting failures as Foundation's file errors.
public struct FileDigester: Sendable {
    public init() {}

    /// The hex SHA-256 of a file's content.
    public func sha256(ofFileAt path: String) throws -> String {
        do throws(FileReadFailure) {
            return try FileSHA256.hex(ofFileAt: path)
        } catch {
            throw Self.error(error.errno, path: path, opening: error.whileOpening)
        }
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
        FileSHA256.hex(of: text)
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
                out[position] = HexText.digit(UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(position))) & 0x0F)
            }
            return count
        }
    }
}
