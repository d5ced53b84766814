import Foundation

/// Path arithmetic on plain strings (POSIX separators), as expression functions see paths.
public enum PathText {
    // Separators and dots are found as bytes, not as Characters: a path is bytes split at '/',
    // and grapheme breaking per call was a tenth of planning 10,000 files.

    public static func basename(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        var end = path.utf8.endIndex
        if path.utf8.last == slash { end = path.utf8.index(before: end) }
        let name = path.utf8[..<end]
        guard let found = name.lastIndex(of: slash) else {
            return end == path.utf8.endIndex ? path : String(decoding: name, as: UTF8.self)
        }
        return String(decoding: name[path.utf8.index(after: found)...], as: UTF8.self)
    }

    public static func stem(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return name }
        return String(decoding: name.utf8[..<dot], as: UTF8.self)
    }

    public static func `extension`(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return String(decoding: name.utf8[name.utf8.index(after: dot)...], as: UTF8.self)
    }

    public static func dirname(_ path: String) -> String {
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
