import Yams

/// Finds where a duplicated key is written the second time (Yams reports only the mapping).
enum DuplicateKeyFinder {
    static func secondOccurrence(of key: String, after mark: Mark, in source: SourceFile) -> SourceLocation {
        var firstColumn: Int?
        var lineNumber = mark.line
        while let line = source.line(lineNumber) {
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            let column = line.unicodeScalars.count - trimmed.unicodeScalars.count + 1
            let candidates = [key + ":", "\"\(key)\":", "'\(key)':"]
            if candidates.contains(where: { trimmed.hasPrefix($0) }) {
                if let firstColumn {
                    if column == firstColumn { return source.location(line: lineNumber, column: column) }
                } else {
                    firstColumn = column
                }
            }
            lineNumber += 1
        }
        return source.location(line: mark.line, column: mark.column)
    }
}
