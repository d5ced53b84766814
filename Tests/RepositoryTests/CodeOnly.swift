/// Source lines with comments and the contents of string literals blanked out, so that only
/// code (and its braces) remains; the line count is unchanged.
enum CodeOnly {
    private enum Mode {
        case code
        case blockComment(depth: Int)
        case string(hashes: Int, multiline: Bool)
    }

    /// `lines` with comments and literal text removed (the quotes stay, interpolations stay code).
    static func braces(_ lines: [String]) -> [String] {
        var mode = Mode.code
        /// Open interpolations `\(` inside strings: each holds the string mode to return to.
        var interpolations: [(mode: Mode, parentheses: Int)] = []
        var result: [String] = []
        for line in lines {
            var out = ""
            let characters = Array(line)
            var index = 0
            lineLoop: while index < characters.count {
                let character = characters[index]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                switch mode {
                case .blockComment(let depth):
                    if character == "*", next == "/" {
                        mode = depth == 1 ? .code : .blockComment(depth: depth - 1)
                        index += 2
                        continue
                    }
                    if character == "/", next == "*" {
                        mode = .blockComment(depth: depth + 1)
                        index += 2
                        continue
                    }
                    index += 1
                case .string(let hashes, let multiline):
                    if character == "\\" {
                        let afterHashes = index + 1 + hashes
                        let hashesMatch = (0..<hashes).allSatisfy {
                            index + 1 + $0 < characters.count && characters[index + 1 + $0] == "#"
                        }
                        if hashesMatch, afterHashes < characters.count, characters[afterHashes] == "(" {
                            interpolations.append((mode, 0))
                            mode = .code
                            out.append("(")
                            index = afterHashes + 1
                            continue
                        }
                        index += hashes == 0 ? 2 : 1
                        continue
                    }
                    if character == "\"" {
                        let quotes = multiline ? 3 : 1
                        let closes =
                            (0..<quotes).allSatisfy { index + $0 < characters.count && characters[index + $0] == "\"" }
                            && (0..<hashes).allSatisfy {
                                index + quotes + $0 < characters.count && characters[index + quotes + $0] == "#"
                            }
                        if closes {
                            mode = .code
                            out.append("\"")
                            index += quotes + hashes
                            continue
                        }
                    }
                    index += 1
                case .code:
                    if character == "/", next == "/" { break lineLoop }
                    if character == "/", next == "*" {
                        mode = .blockComment(depth: 1)
                        index += 2
                        continue
                    }
                    if character == "#" || character == "\"" {
                        var hashes = 0
                        while index + hashes < characters.count, characters[index + hashes] == "#" { hashes += 1 }
                        let quote = index + hashes
                        guard quote < characters.count, characters[quote] == "\"" else {
                            out.append(character)
                            index += 1
                            continue
                        }
                        let multiline =
                            quote + 2 < characters.count && characters[quote + 1] == "\""
                            && characters[quote + 2] == "\""
                        mode = .string(hashes: hashes, multiline: multiline)
                        out.append("\"")
                        index = quote + (multiline ? 3 : 1)
                        continue
                    }
                    if !interpolations.isEmpty {
                        if character == "(" { interpolations[interpolations.count - 1].parentheses += 1 }
                        if character == ")" {
                            if interpolations[interpolations.count - 1].parentheses == 0 {
                                mode = interpolations.removeLast().mode
                                out.append(")")
                                index += 1
                                continue
                            }
                            interpolations[interpolations.count - 1].parentheses -= 1
                        }
                    }
                    out.append(character)
                    index += 1
                }
            }
            // A single-line string cannot continue on the next line.
            if case .string(_, false) = mode { mode = .code }
            result.append(out)
        }
        return result
    }
}
