import Foundation

/// The `files_json` column: `[{"path":"…","sha256":"…","bytes":123}, …]`.
///
/// Written by hand and read by a hand-written fast path for exactly that shape, because
/// Foundation's JSONDecoder costs about 10 µs per entry on Linux, which dominates a 10,000-key
/// cache lookup. Anything the fast path does not recognise (a file edited by hand, another
/// writer) is read with JSONDecoder, so any valid JSON of that schema is accepted.
package enum StoredFilesJSON {
    /// The column's text for `files`.
    package static func encode(_ files: [StoredFile]) -> String {
        var out = "["
        for (index, file) in files.enumerated() {
            if index > 0 { out += "," }
            out += #"{"path":""#
            appendEscaped(file.path, to: &out)
            out += #"","sha256":""#
            appendEscaped(file.sha256, to: &out)
            out += #"","bytes":"#
            out += String(file.bytes)
            out += "}"
        }
        out += "]"
        return out
    }

    /// The files of a column's text, or nil when it is not a JSON list of files.
    package static func decode(_ json: String) -> [StoredFile]? {
        if let files = fastDecode(Array(json.utf8)) { return files }
        return try? JSONDecoder().decode([StoredFile].self, from: Data(json.utf8))
    }

    private static func appendEscaped(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Parses exactly what ``encode(_:)`` writes; `nil` for anything else.
    private static func fastDecode(_ bytes: [UInt8]) -> [StoredFile]? {
        var index = 0
        func expect(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = literal.withUTF8Buffer { buffer in
                buffer.elementsEqual(bytes[index..<index + count])
            }
            if matches { index += count }
            return matches
        }
        func string() -> String? {
            var chunkStart = index
            var raw: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    raw.append(contentsOf: bytes[chunkStart..<index])
                    index += 1
                    return String(decoding: raw, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    raw.append(contentsOf: bytes[chunkStart..<index])
                    guard index + 1 < bytes.count else { return nil }
                    switch bytes[index + 1] {
                    case UInt8(ascii: "\""): raw.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): raw.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "u"):
                        guard index + 6 <= bytes.count,
                            let value = UInt8(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16),
                            value < 0x20
                        else { return nil }
                        raw.append(value)
                        index += 4
                    default: return nil
                    }
                    index += 2
                    chunkStart = index
                    continue
                }
                index += 1
            }
            return nil
        }
        guard expect("[") else { return nil }
        var files: [StoredFile] = []
        if expect("]") { return index == bytes.count ? files : nil }
        while true {
            guard expect(#"{"path":""#), let path = string(), expect(#","sha256":""#), let sha = string(),
                expect(#","bytes":"#)
            else { return nil }
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard let size = Int64(String(decoding: bytes[start..<index], as: UTF8.self)), expect("}") else {
                return nil
            }
            files.append(StoredFile(path: path, sha256: sha, bytes: size))
            if expect("]") { return index == bytes.count ? files : nil }
            guard expect(",") else { return nil }
        }
    }
}
