import Foundation
import PipelineBasics

/// Shell-style file patterns: `*`, `?`, `[abc]`, `[!a-z]`, `**` (any folders) and `{png,jpg}`.
/// `*` and `?` never match a leading dot, so hidden files stay out unless named.
///
/// `**` descends into real folders only: a symbolic link to a folder is not followed by it (so
/// a link loop such as `l -> .` cannot make a walk endless); a link named by the other segments
/// of a pattern is followed, as the shell does. Only regular files (or links to them) match:
/// a FIFO, a socket or a device never does, so reading the matches cannot block.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    /// The pattern after brace expansion, split into path segments.
    private let alternatives: [[String]]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.alternatives = Glob.expandBraces(pattern).map {
            $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        }
    }

    /// Whether a relative path (with `/` separators) matches.
    public func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return alternatives.contains { Glob.match(pattern: $0[...], path: segments[...]) }
    }

    /// The folders, relative to the base, that the pattern's alternatives start from: the
    /// segments before the first wildcard, without the file name (`""` is the base itself).
    public var literalFolders: [String] {
        var folders: [String] = []
        for segments in alternatives {
            var prefix = Array(segments.prefix { !Glob.hasWildcard($0) && $0 != "**" })
            if prefix.count == segments.count { prefix.removeLast(min(1, prefix.count)) }
            let folder = prefix.joined(separator: "/")
            if !folders.contains(folder) { folders.append(folder) }
        }
        return folders
    }

    /// Files under `directory` matching the pattern, as paths relative to it, sorted.
    public func files(in directory: String) -> [String] {
        var foldersRead: [String: PathSignature?] = [:]
        return files(in: directory, foldersRead: &foldersRead)
    }

    /// Files under `directory` matching the pattern, as paths relative to it, sorted; adds to
    /// `foldersRead` every folder whose entries the match depends on, and every path a literal
    /// segment looks up (as `directory` joined with its relative path), with its signature taken
    /// before it was read (`nil`: it was not there). A file added to, or removed from, any of the
    /// folders changes that folder's signature.
    public func files(in directory: String, foldersRead: inout [String: PathSignature?]) -> [String] {
        var found = Set<String>()
        for segments in alternatives {
            Glob.walk(segments[...], base: directory, relative: "", into: &found, foldersRead: &foldersRead)
        }
        return found.sorted()
    }

    private static func walk(
        _ segments: ArraySlice<String>, base: String, relative: String, into found: inout Set<String>,
        foldersRead: inout [String: PathSignature?]
    ) {
        guard let first = segments.first else { return }
        let directory = relative.isEmpty ? base : PathText.join(base, relative)
        let rest = segments.dropFirst()
        // A folder listed is named before it is read; a literal segment names just the path it
        // looks up (its parent's other entries do not matter).
        func note(_ path: String) {
            if foldersRead.index(forKey: path) == nil { foldersRead[path] = PathSignature.of(path) }
        }
        if first == "**" {
            note(directory)
            walk(rest, base: base, relative: relative, into: &found, foldersRead: &foldersRead)
            for entry in entries(directory) where entry.isDirectory && !entry.isLink && !entry.name.hasPrefix(".") {
                walk(
                    segments, base: base, relative: PathText.join(relative, entry.name), into: &found,
                    foldersRead: &foldersRead)
            }
            return
        }
        if !hasWildcard(first) {
            let path = PathText.join(relative, first)
            note(PathText.join(base, path))
            switch kind(of: PathText.join(base, path)) {
            case .file where rest.isEmpty: found.insert(path)
            case .directory where !rest.isEmpty:
                walk(rest, base: base, relative: path, into: &found, foldersRead: &foldersRead)
            default: break
            }
            return
        }
        let pattern = Array(first.unicodeScalars)
        note(directory)
        for entry in entries(directory) where matchSegment(pattern[...], Array(entry.name.unicodeScalars)[...]) {
            let path = PathText.join(relative, entry.name)
            if rest.isEmpty {
                if entry.isFile { found.insert(path) }
            } else if entry.isDirectory {
                walk(rest, base: base, relative: path, into: &found, foldersRead: &foldersRead)
            }
        }
    }

    private enum Kind {
        case file
        case directory
        case other
    }

    /// What `path` is, following links; an entry that cannot be read is neither file nor folder.
    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The entries of `directory` (none when it cannot be read), each with what it is: a folder,
    /// a regular file (either after following a link), and whether it is a link. The type
    /// `readdir` reports spares the two `stat`s per entry for plain files and folders; a link,
    /// or a file system that reports no type, is looked at as before.
    private static func entries(
        _ directory: String
    ) -> [(name: String, isDirectory: Bool, isFile: Bool, isLink: Bool)] {
        guard let stream = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(stream) }
        var result: [(name: String, isDirectory: Bool, isFile: Bool, isLink: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: $0.pointee)) {
                    String(cString: $0)
                }
            }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG):
                result.append((name, false, true, false))
            case Int32(DT_DIR):
                result.append((name, true, false, false))
            default:
                let path = PathText.join(directory, name)
                var info = stat()
                let isLink = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                let target = kind(of: path)
                result.append((name, target == .directory, target == .file, isLink))
            }
        }
        return result
    }

    /// Whether the folder `relative` (from `literalFolders`) exists under `base`.
    static func folderExists(_ relative: String, in base: String) -> Bool {
        relative.isEmpty || kind(of: PathText.join(base, relative)) == .directory
    }

    private static func hasWildcard(_ segment: String) -> Bool {
        segment.contains { "*?[".contains($0) }
    }

    private static func match(pattern: ArraySlice<String>, path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            if match(pattern: pattern.dropFirst(), path: path) { return true }
            return !path.isEmpty && !path.first!.hasPrefix(".") && match(pattern: pattern, path: path.dropFirst())
        }
        guard let segment = path.first else { return false }
        return matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...])
            && match(pattern: pattern.dropFirst(), path: path.dropFirst())
    }

    /// Matches one path segment; iterative with backtracking on the last `*`.
    static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        if name.first == ".", let head = pattern.first, head != "." { return false }
        var p = pattern.startIndex
        var n = name.startIndex
        var star: (p: Int, n: Int)?
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == "*" {
                    star = (p, n)
                    p += 1
                    continue
                }
                if c == "?" {
                    p += 1
                    n += 1
                    continue
                }
                if c == "[", let (matched, next) = matchClass(pattern, from: p, name[n]) {
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                } else if c == name[n] {
                    p += 1
                    n += 1
                    continue
                }
            }
            guard let backtrack = star else { return false }
            p = backtrack.p + 1
            n = backtrack.n + 1
            star = (backtrack.p, backtrack.n + 1)
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[...]` at `start`; returns whether it matched and the index after `]`, or nil if unclosed.
    private static func matchClass(
        _ pattern: ArraySlice<Unicode.Scalar>, from start: Int, _ c: Unicode.Scalar
    ) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == "!" || pattern[i] == "^" {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            if pattern[i] == "]" && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                if pattern[i].value <= c.value && c.value <= pattern[i + 2].value { matched = true }
                i += 3
            } else {
                if pattern[i] == c { matched = true }
                i += 1
            }
        }
        return nil
    }

    /// `a.{png,jpg}` → [`a.png`, `a.jpg`]; nested braces expand too (bounded).
    static func expandBraces(_ pattern: String) -> [String] {
        var results = [pattern]
        var changed = true
        var rounds = 0
        while changed, rounds < 16, results.count < 1024 {
            changed = false
            rounds += 1
            results = results.flatMap { text -> [String] in
                let characters = Array(text)
                guard let open = characters.firstIndex(of: "{") else { return [text] }
                var depth = 0
                var options: [String] = []
                var current = ""
                for index in (open + 1)..<characters.count {
                    let c = characters[index]
                    if c == "{" { depth += 1 }
                    if c == "}" {
                        if depth == 0 {
                            options.append(current)
                            guard options.count > 1 else { return [text] }
                            changed = true
                            let prefix = String(characters[..<open])
                            let suffix = String(characters[(index + 1)...])
                            return options.map { prefix + $0 + suffix }
                        }
                        depth -= 1
                    }
                    if c == "," && depth == 0 {
                        options.append(current)
                        current = ""
                    } else {
                        current.append(c)
                    }
                }
                return [text]
            }
        }
        return results
    }
}
