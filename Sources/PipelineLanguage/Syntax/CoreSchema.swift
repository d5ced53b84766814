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
        let scalars = Array(text.unicodeScalars)
        var index = 0
        if scalars.first == "-" || scalars.first == "+" { index = 1 }
        guard index < scalars.count else { return .string }
        var digits = 0
        var dots = 0
        var exponent = false
        var position = index
        while position < scalars.count {
            let c = scalars[position]
            if ("0"..."9").contains(c) {
                digits += 1
            } else if c == "." && !exponent {
                dots += 1
            } else if (c == "e" || c == "E") && digits > 0 && !exponent {
                exponent = true
                if position + 1 < scalars.count, scalars[position + 1] == "-" || scalars[position + 1] == "+" {
                    position += 1
                }
                guard position + 1 < scalars.count else { return .string }
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
