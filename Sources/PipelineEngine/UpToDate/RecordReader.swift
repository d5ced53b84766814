import Foundation

/// Reads what ``RecordWriter`` wrote; any short or malformed input is `nil`, never a trap.
struct RecordReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func unsigned() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * shift) }
        offset += 8
        return value
    }

    mutating func signed() -> Int64? { unsigned().map { Int64(bitPattern: $0) } }

    /// A count, at most `limit` (what the rest of the input could hold).
    mutating func count(limit: Int) -> Int? {
        guard let value = signed(), value >= 0, value <= Int64(limit) else { return nil }
        return Int(value)
    }

    mutating func text() -> String? {
        guard let length = count(limit: bytes.count - offset - 8) else { return nil }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// How many bytes are left: an upper bound for any count read next.
    var remaining: Int { bytes.count - offset }
}
