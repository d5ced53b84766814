/// Lower-case hexadecimal text of bytes.
public enum HexText {
    /// `bytes` as lower-case hex digits, two per byte.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let count = bytes.underestimatedCount
        // Contiguous bytes of a known length (a digest, an array): written straight into the string.
        if let text = bytes.withContiguousStorageIfAvailable({ encode(buffer: UnsafeRawBufferPointer($0)) }) {
            return text
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(count * 2)
        for byte in bytes {
            digits.append(digit(byte >> 4))
            digits.append(digit(byte & 0x0F))
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The bytes of `buffer` as lower-case hex digits, written into the string's own storage.
    public static func encode(buffer: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: buffer.count * 2) { out in
            for (index, byte) in buffer.enumerated() {
                out[2 * index] = digit(byte >> 4)
                out[2 * index + 1] = digit(byte & 0x0F)
            }
            return buffer.count * 2
        }
    }

    /// The lower-case hex digit of a nibble (0–15).
    public static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
