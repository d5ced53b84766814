/// A recursive-descent parser for the expression language inside `${{ … }}`.
///
///     expression := or
///     or         := and ("||" and)*
///     and        := comparison ("&&" comparison)*
///     comparison := unary (("==" | "!=" | "<" | "<=" | ">" | ">=") unary)?
///     unary      := "!" unary | postfix
///     postfix    := primary ("." name | "[" expression "]")*
///     primary    := number | string | true | false | null | name | name "(" arguments ")" | "(" expression ")"
public struct ExpressionParser {
    private var tokens: [ExpressionLexer.Token]
    private var position = 0
    private var depth = 0
    private static let maximumDepth = 64
    /// Expressions are short; a cap on tokens bounds every recursive walk of the tree.
    private static let maximumTokens = 512

    /// Parses expression text; `baseOffset` is the text's column offset within its scalar.
    public static func parse(_ text: String, baseOffset: Int = 0) throws(ExpressionError) -> Expression {
        let tokens = try ExpressionLexer.tokens(text, baseOffset: baseOffset)
        guard tokens.count <= maximumTokens else {
            throw ExpressionError(
                .tooComplex, at: baseOffset,
                "the expression is too long (\(tokens.count) tokens, at most \(maximumTokens))",
                hint: "split the work into simpler expressions")
        }
        var parser = ExpressionParser(tokens: tokens)
        if case .end = parser.peek.kind {
            throw ExpressionError(.expressionSyntax, at: baseOffset, "the expression is empty")
        }
        let expression = try parser.parseOr()
        guard case .end = parser.peek.kind else {
            throw ExpressionError(
                .expressionSyntax, at: parser.peek.offset,
                "unexpected \(parser.describe(parser.peek)) after the expression")
        }
        return expression
    }

    private init(tokens: [ExpressionLexer.Token]) {
        self.tokens = tokens
    }

    private var peek: ExpressionLexer.Token { tokens[position] }

    private mutating func advance() -> ExpressionLexer.Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(_ symbol: String) -> ExpressionLexer.Token? {
        if case .symbol(symbol) = peek.kind { return advance() }
        return nil
    }

    private mutating func expect(_ symbol: String) throws(ExpressionError) {
        guard accept(symbol) != nil else {
            throw ExpressionError(.expressionSyntax, at: peek.offset, "expected '\(symbol)', found \(describe(peek))")
        }
    }

    private func describe(_ token: ExpressionLexer.Token) -> String {
        switch token.kind {
        case .identifier(let name): "'\(name)'"
        case .number(let number): "'\(Value.format(number))'"
        case .string: "a string"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the expression"
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while let token = accept("||") {
            left = .binary(.or, left, try parseAnd(), offset: token.offset)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseComparison()
        while let token = accept("&&") {
            left = .binary(.and, left, try parseComparison(), offset: token.offset)
        }
        return left
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let left = try parseUnary()
        for op in [BinaryOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater] {
            if let token = accept(op.rawValue) {
                return .binary(op, left, try parseUnary(), offset: token.offset)
            }
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if let token = accept("!") {
            return .not(
                try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseUnary() },
                offset: token.offset)
        }
        return try parsePostfix()
    }

    private mutating func nested(
        _ body: (inout ExpressionParser) throws(ExpressionError) -> Expression
    ) throws(ExpressionError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw ExpressionError(.tooComplex, at: peek.offset, "the expression nests too deeply")
        }
        return try body(&self)
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Expression {
        var base = try parsePrimary()
        while true {
            if let token = accept(".") {
                guard case .identifier(let field) = peek.kind else {
                    throw ExpressionError(
                        .expressionSyntax, at: peek.offset, "expected a field name after '.', found \(describe(peek))")
                }
                _ = advance()
                base = .member(base, field, offset: token.offset + 1)
            } else if let token = accept("[") {
                let index = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() }
                try expect("]")
                base = .index(base, index, offset: token.offset)
            } else {
                return base
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let token = advance()
        switch token.kind {
        case .number(let number):
            return .literal(.number(number), offset: token.offset)
        case .string(let text):
            return .literal(.string(text), offset: token.offset)
        case .identifier("true"):
            return .literal(.bool(true), offset: token.offset)
        case .identifier("false"):
            return .literal(.bool(false), offset: token.offset)
        case .identifier("null"):
            return .literal(.null, offset: token.offset)
        case .identifier(let name):
            if accept("(") != nil {
                var arguments: [Expression] = []
                if accept(")") == nil {
                    repeat {
                        arguments.append(
                            try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() })
                    } while accept(",") != nil
                    try expect(")")
                }
                return .call(name, arguments, offset: token.offset)
            }
            return .name(name, offset: token.offset)
        case .symbol("("):
            let inner = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() }
            try expect(")")
            return inner
        default:
            throw ExpressionError(.expressionSyntax, at: token.offset, "expected a value, found \(describe(token))")
        }
    }
}
