/// Why an env file was refused. Messages name the file and the line, never a value.
enum EnvironmentFileError: Error, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notAFile(path: String)
    /// Group or other permission bits are set.
    case readableByOthers(path: String, mode: UInt32)
    case malformed(path: String, line: Int, reason: String)

    var description: String {
        switch self {
        case .missing(let path):
            "env file '\(path)' does not exist (create it with KEY=value lines, then chmod 600 it)"
        case .unreadable(let path, let reason):
            "env file '\(path)' cannot be read: \(reason)"
        case .notAFile(let path):
            "env file '\(path)' is not a regular file (a FIFO, a folder or a device cannot be an env file)"
        case .readableByOthers(let path, let mode):
            "env file '\(path)' has mode \(String(mode & 0o7777, radix: 8).leftPadded(to: 4)): other users can read it or write it; "
                + "it holds secrets, so it must be private: chmod 600 '\(path)'"
        case .malformed(let path, let line, let reason):
            "\(path):\(line): \(reason) (env files hold KEY=value lines, `export KEY=value`, # comments and blank lines)"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
