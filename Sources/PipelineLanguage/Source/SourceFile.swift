/// The text of a pipeline file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
    /// The path as the user wrote it (used in `file:line:column`).
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of a 1-based line, without its line break ("\n" or "\r\n"), or `nil` past the end.
    ///
    /// Found by scanning the bytes when asked (only diagnostics ask), so reading a file costs no
    /// line table.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let newline = UInt8(ascii: "\n")
        var rest = text.utf8[...]
        for _ in 1..<number {
            guard let end = rest.firstIndex(of: newline) else { return nil }
            rest = rest[rest.index(after: end)...]
        }
        let end = rest.firstIndex(of: newline) ?? rest.endIndex
        var line = text[rest.startIndex..<end]
        if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(line)
    }

    /// A location in this file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}
