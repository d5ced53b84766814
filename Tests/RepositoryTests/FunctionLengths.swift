import Foundation

/// The functions of a Swift source text and how many lines each spans, from its `func`/`init`
/// line to its closing brace. A lexical scan: comments, string literals (also multi-line and
/// raw ones) and character data are skipped, so braces inside them do not count.
struct FunctionLengths {
    /// One function: where it starts (1-based line), how many lines it spans, its first line.
    struct Function: Equatable, CustomStringConvertible {
        var line: Int
        var length: Int
        var signature: String

        var description: String { "line \(line) (\(length) lines): \(signature)" }
    }

    /// The functions found in `text`, in order.
    static func functions(in text: String) -> [Function] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let code = CodeOnly.braces(lines)
        var found: [Function] = []
        for (index, line) in code.enumerated() where Self.declaresFunction(line) {
            guard let end = Self.closingLine(code, from: index) else { continue }
            found.append(
                Function(
                    line: index + 1, length: end - index + 1,
                    signature: lines[index].trimmingCharacters(in: .whitespaces)))
        }
        return found
    }

    /// Whether a line (code only) declares a function, an initialiser or a subscript with a body.
    static func declaresFunction(_ code: String) -> Bool {
        let words = code.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
        return words.contains("func")
            || words.contains("init") && code.contains("init(")
                && !code.contains(".init(") && !code.contains("= init(")
            || words.contains("subscript")
    }

    /// Whether a line begins a new declaration (or closes the enclosing type).
    private static func startsDeclaration(_ code: String) -> Bool {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        return declaresFunction(code) || trimmed.hasPrefix("}")
            || ["var ", "let ", "case ", "@", "public ", "private ", "static ", "typealias ", "associatedtype "]
                .contains { trimmed.hasPrefix($0) }
    }

    /// The line of the brace that closes the body opened at or after `start` (the declaration
    /// may span lines before its `{`); `nil` for a declaration without a body (a protocol requirement).
    private static func closingLine(_ code: [String], from start: Int) -> Int? {
        var depth = 0
        var opened = false
        var parentheses = 0
        for index in start..<code.count {
            for character in code[index] {
                switch character {
                case "(": parentheses += 1
                case ")": parentheses -= 1
                case "{":
                    depth += 1
                    opened = true
                case "}":
                    depth -= 1
                    if opened && depth == 0 { return index }
                    if depth < 0 { return nil }
                default: break
                }
            }
            // Another declaration before any `{`: this one had no body (a protocol requirement).
            if !opened && index > start && Self.startsDeclaration(code[index]) { return nil }
        }
        return nil
    }
}
