import Logging

/// Minimal JSON writing for log lines: strings escaped per RFC 8259, numbers as numbers.
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func value(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .stringConvertible(let number as Int): return String(number)
        case .stringConvertible(let number as Double): return number.isFinite ? "\(number)" : "null"
        case .stringConvertible(let flag as Bool): return flag ? "true" : "false"
        case .stringConvertible(let other): return string(other.description)
        case .array(let items): return "[" + items.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let fields):
            return "{" + fields.keys.sorted().map { string($0) + ":" + Self.value(fields[$0]!) }.joined(separator: ",") + "}"
        }
    }
}
