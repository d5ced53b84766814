import Foundation

/// Writes an ``UpToDateRecord`` as bytes: little-endian integers and length-prefixed UTF-8, so
/// any path or task id (tabs and newlines included) reads back exactly, and fast.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    mutating func integer(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int64) { integer(UInt64(bitPattern: value)) }

    mutating func integer(_ value: Int) { integer(Int64(value)) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            integer(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}
