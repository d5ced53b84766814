/// Resolves plain scalars by YAML 1.2's core schema: `yes`/`no`/`on`/`off` stay text
/// (no "Norway problem"), `~` and `null` are null, numbers are numbers.
enum CoreSchema {
    static func kind(of text: String) -> SyntaxNode.ScalarKind {
        // Most plain scalars are words: nothing below can match one that starts with another letter.
        guard let first = text.utf8.first else { return .null }
        guard mayStartNonString(first) else { return .string }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
        case ".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        // Numbers are ASCII: their bytes are scanned in place (a byte of a longer character is no digit).
        return text.utf8.withContiguousStorageIfAvailable(number) ?? number(Array(text.utf8)[...])
    }

    /// `.integer` or `.float` when `bytes` is a YAML 1.2 core-schema number, `.string` otherwise.
    private static func number<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> SyntaxNode.ScalarKind
    where Bytes.Index == Int {
        var position = bytes.startIndex
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { position += 1 }
        guard position < bytes.endIndex else { return .string }
        var digits = 0
        var dots = 0
        var exponent = false
        while position < bytes.endIndex {
            let c = bytes[position]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits += 1
            } else if c == UInt8(ascii: ".") && !exponent {
                dots += 1
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && digits > 0 && !exponent {
                exponent = true
                if position + 1 < bytes.endIndex,
                    bytes[position + 1] == UInt8(ascii: "-") || bytes[position + 1] == UInt8(ascii: "+")
                {
                    position += 1
                }
                guard position + 1 < bytes.endIndex else { return .string }
            } else {
                return .string
            }
            position += 1
        }
        guard digits > 0, dots <= 1 else { return .string }
        return dots == 0 && !exponent ? .integer : .float
    }

    /// Whether a scalar starting with `byte` may be a null, a boolean or a number.
    private static func mayStartNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
