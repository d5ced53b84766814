/// The text of a pipeline file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
    /// The path as the user wrote it (used in `file:line:column`).
    public let path: String
    public let text: String
    private let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // "\r\n" is one Character in Swift: a CRLF line end must be named as such to split at it.
        self.lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// The text of a 1-based line, without its line break, or `nil` past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    /// A location in this file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}
