/// A YAML string that may contain `${{ … }}` expressions.
///
/// A template that is exactly one expression keeps the expression's type (a list, a number);
/// anything else is string interpolation.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case expression(Expression)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// A template of plain text with no expressions.
    public init(literal: String) {
        self.parts = [.text(literal)]
    }

    /// The single expression this template consists of, if it is exactly one.
    public var soleExpression: Expression? {
        var sole: Expression?
        for part in parts {
            switch part {
            case .text(let text):
                if !text.allSatisfy(\.isWhitespace) { return nil }
            case .expression(let expression):
                if sole != nil { return nil }
                sole = expression
            }
        }
        return sole
    }

    /// Whether an expression of the template reads the root value `root` (`env`, `run`…).
    public func reads(_ root: String) -> Bool {
        parts.contains { if case .expression(let expression) = $0 { expression.reads(root) } else { false } }
    }

    public var hasExpressions: Bool {
        parts.contains { if case .expression = $0 { true } else { false } }
    }

    /// Parses `text`; offsets in errors and expressions are columns within the text.
    public static func parse(_ text: String) throws(ExpressionError) -> Template {
        let scalars = Array(text.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "$", i + 2 < scalars.count, scalars[i + 1] == "{", scalars[i + 2] == "{" {
                let start = i + 3
                var j = start
                var quote: Unicode.Scalar?
                var end: Int?
                while j + 1 < scalars.count {
                    let c = scalars[j]
                    if let open = quote {
                        if c == open { quote = nil }
                    } else if c == "'" || c == "\"" {
                        quote = c
                    } else if c == "}", scalars[j + 1] == "}" {
                        end = j
                        break
                    }
                    j += 1
                }
                guard let end else {
                    throw ExpressionError(
                        .expressionSyntax, at: i, "'${{' is never closed", hint: "close the expression with '}}'")
                }
                if !literal.isEmpty {
                    parts.append(.text(String(literal)))
                    literal = String.UnicodeScalarView()
                }
                let body = String(String.UnicodeScalarView(scalars[start..<end]))
                parts.append(.expression(try ExpressionParser.parse(body, baseOffset: start)))
                i = end + 2
            } else {
                literal.append(scalars[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        return Template(parts: parts)
    }
}
