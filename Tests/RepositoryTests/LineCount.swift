/// The line measure of the test-to-source ratio: a line counts when it holds anything but
/// whitespace (comments count: documentation is part of the code).
enum LineCount {
    /// The lines of `text` that are not blank.
    static func nonBlank(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).filter {
            $0.contains { !$0.isWhitespace }
        }.count
    }

    /// The non-blank lines of every `.swift` file under `folder` (a path from the root).
    static func swiftLines(under folder: String) throws -> Int {
        try RepositoryFiles.swiftFiles(under: folder).reduce(0) { $0 + nonBlank(try RepositoryFiles.text($1)) }
    }
}
