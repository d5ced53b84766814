/// A problem inside an expression, located by column offset within its scalar.
public struct ExpressionError: Error, Sendable, Hashable {
    public var code: DiagnosticCode
    public var offset: Int
    public var message: String
    public var hint: String?

    public init(_ code: DiagnosticCode, at offset: Int, _ message: String, hint: String? = nil) {
        self.code = code
        self.offset = offset
        self.message = message
        self.hint = hint
    }
}
