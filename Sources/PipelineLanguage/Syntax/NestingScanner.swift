/// A cheap pre-scan that bounds how deeply a YAML text can nest, so that hostile input never
/// reaches a recursive parser. It over-estimates (quoted brackets count too), which is safe.
enum NestingScanner {
    /// The 1-based number of the first line whose nesting estimate exceeds `limit`, if any.
    static func firstLineDeeperThan(_ limit: Int, in text: String) -> Int? {
        var flowDepth = 0
        var line = 1
        var atLineStart = true
        var indentation = 0
        var blockPrefixes = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                indentation = 0
                blockPrefixes = 0
            case UInt8(ascii: " ") where atLineStart:
                indentation += 1
            case UInt8(ascii: "-") where atLineStart || previous == UInt8(ascii: " ") && blockPrefixes > 0:
                blockPrefixes += 1
                atLineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                atLineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
                atLineStart = false
            default:
                atLineStart = false
            }
            previous = byte
            if flowDepth + blockPrefixes + indentation / 2 > limit { return line }
        }
        return nil
    }
}
