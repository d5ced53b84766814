import Foundation

/// Path arithmetic on plain strings (POSIX separators), as expression functions see paths.
public enum PathText {
    public static func basename(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    public static func stem(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    public static func `extension`(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    public static func dirname(_ path: String) -> String {
        // The byte, not the Character: a separator is a byte, and no grapheme breaking per call
        // (the planner asks for every output path's folders).
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// `base/relative`, or `relative` alone when it is absolute or `base` is empty.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty || base == "." { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    /// `path` made absolute against `base` (the current folder by default) and normalized.
    public static func absolute(
        _ path: String, base: String = FileManager.default.currentDirectoryPath
    ) -> String {
        let joined = resolve(path, against: base)
        return normalized(joined) ?? joined
    }

    /// `path` resolved against `base`: itself when absolute, else `base/path` (the one resolver of
    /// relative paths against a folder).
    public static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? path : join(base, path)
    }

    /// Whether a file parameter names a remote file rather than a local one: an `http://` or
    /// `https://` URL, or a Magic Hour asset path (`api-assets/…`).
    public static func isRemote(_ path: String) -> Bool {
        path.hasPrefix("http://") || path.hasPrefix("https://") || path.hasPrefix("api-assets/")
    }

    /// Removes `.` segments and resolves `..` lexically; returns `nil` when `..` climbs above the start.
    public static func normalized(_ path: String) -> String? {
        if isAlreadyNormal(path) { return path }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                guard !segments.isEmpty, segments.last != ".." else { return nil }
                segments.removeLast()
            } else {
                segments.append(segment)
            }
        }
        let joined = segments.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// True when `path` has no empty, `.` or `..` segment and no trailing slash (the common case).
    private static func isAlreadyNormal(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var segmentLength = 0
        var onlyDots = true
        var index = 0
        for byte in path.utf8 {
            if byte == slash {
                if segmentLength == 0 && index != 0 { return false }
                if segmentLength > 0 && onlyDots && segmentLength <= 2 { return false }
                segmentLength = 0
                onlyDots = true
            } else {
                segmentLength += 1
                if byte != dot { onlyDots = false }
            }
            index += 1
        }
        return segmentLength > 0 && !(onlyDots && segmentLength <= 2)
    }
}
