#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a pipeline's state lives: a SQLite file on this machine, or a PostgreSQL database that
/// several machines share. Written in `settings.state` or `--state` as a path or a
/// `postgres://` / `postgresql://` connection string.
public enum StateLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file: an absolute path with symbolic links resolved, so that two paths to one
    /// file share one run lock.
    case sqlite(path: String)
    /// A PostgreSQL database, by its connection string (which may carry a password: print
    /// ``description``, never the string itself).
    case postgres(url: String)

    /// The SQLite file at `absolutePath`, with symbolic links resolved.
    public static func file(absolutePath: String) -> StateLocation {
        .sqlite(path: resolvingLinks(absolutePath))
    }

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isConnectionString(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The file's path, or the connection string without its password (`postgres://user@host/db`).
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.withoutPassword(url)
        }
    }

    /// The SQLite file's path; nil for PostgreSQL.
    public var filePath: String? {
        if case .sqlite(let path) = self { return path }
        return nil
    }

    /// `scheme://user:secret@host…` → `scheme://user@host…`; the text unchanged when it has no password.
    static func withoutPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let credentials = authority[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<schemeEnd.upperBound]) + credentials[..<colon] + String(rest[at...])
    }

    /// The path with symbolic links resolved (the file's, or its folder's when the file does not
    /// exist yet).
    private static func resolvingLinks(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let slash = path.lastIndex(of: "/")!
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        guard let realFolder = realPath(folder) else { return path }
        return realFolder + (realFolder.hasSuffix("/") ? "" : "/") + path[path.index(after: slash)...]
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
