/// One problem found in a pipeline file: where, what, and how to fix it.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggestion for the fix ("did you mean 'stages'?"), when one helps.
    public var hint: String?
    /// A stable identifier of the rule that was broken (for editors and tests).
    public var code: DiagnosticCode

    public init(
        _ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(
        _ code: DiagnosticCode, at location: SourceLocation, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, at: location, message, hint: hint)
    }

    public static func warning(
        _ code: DiagnosticCode, at location: SourceLocation, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message, hint: hint)
    }

    /// `file:line:column: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
