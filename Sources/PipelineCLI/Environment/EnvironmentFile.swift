import Foundation

/// A file of environment variables (`settings.env_file`, `--env-file`): how cron runs get the
/// Magic Hour API key without putting it in the crontab.
///
/// The format is the common subset of shell and dotenv files: `KEY=value` lines, optionally
/// preceded by `export`; `#` comments and blank lines; values bare (a ` #` starts a comment),
/// in single quotes (taken literally) or in double quotes (`\"`, `\\`, `\n`, `\t` and `\$`
/// escapes). Nothing is expanded. A later line overrides an earlier one with the same key.
///
/// The file must be private to its owner (no group or other permission bits): the tool
/// refuses it otherwise. No value is ever printed, not even in errors.
struct EnvironmentFile {
    /// The path as given.
    let path: String
    let variables: [String: String]

    /// Checks that it is a private regular file, then reads and parses it.
    ///
    /// Nothing here can block: the path is checked with stat(2) before it is opened (a FIFO would
    /// block open(2) until a writer came), and it is opened with O_NONBLOCK in case it was
    /// replaced in between; the opened file is checked again.
    static func load(_ path: String) throws(EnvironmentFileError) -> EnvironmentFile {
        var named = stat()
        guard stat(path, &named) == 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        guard named.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        // Check the file that was opened, not whatever the name points to a moment later.
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw .readableByOthers(path: path, mode: UInt32(info.st_mode)) }
        let data = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return EnvironmentFile(path: path, variables: try parse(text, path: path))
    }

    /// The variables of an env file's text; errors name `path` and the line.
    static func parse(_ text: String, path: String) throws(EnvironmentFileError) -> [String: String] {
        var variables: [String: String] = [:]
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") || line.hasPrefix("export\t") {
                line = line.dropFirst("export".count).drop { $0 == " " || $0 == "\t" }
            }
            func fail(_ reason: String) -> EnvironmentFileError {
                .malformed(path: path, line: index + 1, reason: reason)
            }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected KEY=value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isValidName(key) else {
                throw fail(
                    "the name before '=' is not a variable name (letters, digits and _, not starting with a digit)")
            }
            variables[key] = try value(of: line[line.index(after: equals)...], fail: fail)
        }
        return variables
    }

    private static func value(
        of text: Substring, fail: (String) -> EnvironmentFileError
    ) throws(EnvironmentFileError) -> String {
        let rest = text.drop { $0 == " " || $0 == "\t" }
        guard let quote = rest.first, quote == "'" || quote == "\"" else {
            // Bare: up to a comment that follows whitespace, trailing blanks dropped.
            var value = ""
            var previous: Character = " "
            for character in rest {
                if character == "#" && (previous == " " || previous == "\t") { break }
                value.append(character)
                previous = character
            }
            while value.last == " " || value.last == "\t" { value.removeLast() }
            return value
        }
        var value = ""
        var escaped = false
        var closing: Substring.Index?
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex {
            let character = rest[index]
            if quote == "\"" && escaped {
                switch character {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\"", "\\", "$", "`": value.append(character)
                default: value.append("\\"); value.append(character)
                }
                escaped = false
            } else if quote == "\"" && character == "\\" {
                escaped = true
            } else if character == quote {
                closing = index
                break
            } else {
                value.append(character)
            }
            index = rest.index(after: index)
        }
        guard let closing else {
            throw fail("the value's \(quote == "'" ? "single" : "double") quote is not closed on this line")
        }
        let after = rest[rest.index(after: closing)...].drop { $0 == " " || $0 == "\t" }
        guard after.isEmpty || after.hasPrefix("#") else { throw fail("unexpected text after the closing quote") }
        return value
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
            first == "_" || (first.isASCII && CharacterSet.letters.contains(first))
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
    }
}
