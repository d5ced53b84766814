/// Splits expression text into tokens, remembering each token's offset.
struct ExpressionLexer {
    enum Kind: Equatable {
        case identifier(String)
        case number(Double)
        case string(String)
        case symbol(String)
        case end
    }

    struct Token: Equatable {
        var kind: Kind
        var offset: Int
    }

    static func tokens(_ text: String, baseOffset: Int) throws(ExpressionError) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
            s == "_" || ("a"..."z").contains(s) || ("A"..."Z").contains(s)
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        while i < scalars.count {
            let c = scalars[i]
            let offset = baseOffset + i
            if c == " " || c == "\t" || c == "\n" {
                i += 1
            } else if isIdentifierStart(c) {
                var j = i
                while j < scalars.count, isIdentifierStart(scalars[j]) || isDigit(scalars[j]) || scalars[j] == "-" {
                    j += 1
                }
                tokens.append(
                    Token(kind: .identifier(String(String.UnicodeScalarView(scalars[i..<j]))), offset: offset))
                i = j
            } else if isDigit(c) || (c == "-" && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
                var j = i + 1
                while j < scalars.count, isDigit(scalars[j]) || scalars[j] == "." { j += 1 }
                let text = String(String.UnicodeScalarView(scalars[i..<j]))
                guard let number = Double(text) else {
                    throw ExpressionError(.expressionSyntax, at: offset, "'\(text)' is not a number")
                }
                tokens.append(Token(kind: .number(number), offset: offset))
                i = j
            } else if c == "'" || c == "\"" {
                var j = i + 1
                var text = String.UnicodeScalarView()
                var closed = false
                while j < scalars.count {
                    if scalars[j] == c {
                        // '' inside single quotes is an escaped quote, as in YAML.
                        if c == "'", j + 1 < scalars.count, scalars[j + 1] == "'" {
                            text.append("'")
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == "\"", scalars[j] == "\\", j + 1 < scalars.count {
                        j += 1
                    }
                    text.append(scalars[j])
                    j += 1
                }
                guard closed else {
                    throw ExpressionError(
                        .expressionSyntax, at: offset, "this string is never closed", hint: "add a closing \(c)")
                }
                tokens.append(Token(kind: .string(String(text)), offset: offset))
                i = j + 1
            } else {
                let two = i + 1 < scalars.count ? String(String.UnicodeScalarView([c, scalars[i + 1]])) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append(Token(kind: .symbol(two), offset: offset))
                    i += 2
                } else if "().,[]<>!".unicodeScalars.contains(c) {
                    tokens.append(Token(kind: .symbol(String(c)), offset: offset))
                    i += 1
                } else {
                    throw ExpressionError(
                        .expressionSyntax, at: offset, "unexpected character '\(c)' in expression",
                        hint: c == "=" ? "use == to compare" : (c == "|" || c == "&" ? "use || or &&" : nil))
                }
            }
        }
        tokens.append(Token(kind: .end, offset: baseOffset + scalars.count))
        return tokens
    }
}
