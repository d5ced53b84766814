import Foundation

/// Renders diagnostics for people (with the source line and a caret) or for tools (JSON).
public struct DiagnosticRenderer: Sendable {
    /// Source files by path, to quote the offending line.
    public var sources: [String: SourceFile]

    public init(sources: [SourceFile]) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `file:line:column: error: message`, the line, a caret under the column, and the hint.
    public func text(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description
        let location = diagnostic.location
        // A file that could not be read has no text to quote.
        if let source = sources[location.file], !source.text.isEmpty, let line = source.line(location.line) {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            var scalars = Array(line.replacingOccurrences(of: "\t", with: " ").unicodeScalars)
            var caretColumn = max(0, min(location.column - 1, scalars.count))
            // Very long lines are cut to a window around the column.
            if scalars.count > 160 {
                let start = max(0, caretColumn - 60)
                let end = min(scalars.count, start + 120)
                let prefix: [Unicode.Scalar] = start > 0 ? ["…"] : []
                let suffix: [Unicode.Scalar] = end < scalars.count ? ["…"] : []
                caretColumn = caretColumn - start + prefix.count
                scalars = prefix + scalars[start..<end] + suffix
            }
            var visible = ""
            visible.unicodeScalars.append(contentsOf: scalars)
            out += "\n \(number) | \(visible)"
            out += "\n \(gutter) | " + String(repeating: " ", count: caretColumn) + "^"
        }
        if let hint = diagnostic.hint {
            out += "\n  hint: \(hint)"
        }
        return out
    }

    /// All diagnostics as text, in file order, each followed by a blank line.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sorted(by: DiagnosticRenderer.fileOrder).map { text($0) + "\n" }.joined(separator: "\n")
    }

    /// A JSON array of `{file, line, column, severity, code, message, hint}` objects.
    public func json(_ diagnostics: [Diagnostic]) -> String {
        let objects = diagnostics.sorted(by: DiagnosticRenderer.fileOrder).map(JSONDiagnostic.init)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(objects)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Orders diagnostics by file, line and column, errors before warnings at one place.
    public static func fileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity == .error }
        return lhs.message < rhs.message
    }
}

private struct JSONDiagnostic: Encodable {
    let file: String
    let line: Int
    let column: Int
    let severity: Diagnostic.Severity
    let code: DiagnosticCode
    let message: String
    let hint: String?

    init(_ diagnostic: Diagnostic) {
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        severity = diagnostic.severity
        code = diagnostic.code
        message = diagnostic.message
        hint = diagnostic.hint
    }
}
