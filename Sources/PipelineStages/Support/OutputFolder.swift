import Foundation
import PipelineEngine
import PipelineLanguage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way the stages make room for a file inside `settings.output_dir`: no file or folder is
/// ever created through a symbolic link that leads out of it.
///
/// The folders from the output folder down to the file's are opened one level at a time, each
/// relative to the descriptor of the one above (`openat` with `O_NOFOLLOW | O_DIRECTORY`), and a
/// missing one is created there (`mkdirat`), so a link met on the way is never followed blindly:
/// a link whose folder, once opened, is physically outside the output folder (`out/.work` → `/tmp`,
/// `out/sub` → `..`) fails the task before anything is created; a link that stays inside is
/// allowed. The output folder itself may be a link (to a bigger disk, say): it is the user's choice.
///
/// The caller then writes to the returned *physical* path (no link left in it), by a temporary file
/// renamed over the name, which replaces a link at the name itself rather than writing through it.
enum OutputFolder {
    /// Creates the folders of `file` below `root`, and returns the physical path to write `file` at.
    /// - Parameters:
    ///   - file: The absolute path of the file to write; it must be below `root`.
    ///   - root: The absolute output folder (`TaskContext.outputDirectory`).
    ///   - shown: The file's path as messages show it (relative to the pipeline file).
    /// - Throws: A non-retryable ``TaskFailure`` when a folder leads outside `root`, a path component
    ///   is a file, or a folder cannot be created.
    static func prepare(file: String, inside root: String, shown: String) throws(TaskFailure) -> String {
        let rootPath = PathText.normalized(root) ?? root
        guard let filePath = PathText.normalized(file), filePath.hasPrefix(rootPath + "/") else {
            throw TaskFailure(
                "\(shown) is not inside the output folder \(root); refusing to write", retryable: false)
        }
        var folders = filePath.dropFirst(rootPath.count + 1).split(separator: "/").map(String.init)
        guard let name = folders.popLast(), !name.isEmpty, name != ".", name != ".." else {
            throw TaskFailure("\(shown) does not name a file", retryable: false)
        }
        // Messages show paths as the pipeline file does (relative to its folder) when they can.
        let base = filePath.hasSuffix("/" + shown) ? String(filePath.dropLast(shown.count)) : ""
        let display = { (path: String) in
            !base.isEmpty && path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
        }
        let descriptor = try openRoot(rootPath)
        var current = descriptor
        defer { close(current) }
        let realRoot = physicalPath(of: descriptor, fallback: rootPath)
        var walked = rootPath
        for folder in folders {
            walked += "/" + folder
            let next = try openOrCreate(
                folder, in: current, walked: walked, realRoot: realRoot,
                shown: (folder: display(walked), root: display(rootPath)))
            close(current)
            current = next
        }
        return physicalPath(of: current, fallback: walked) + "/" + name
    }

    /// Opens the output folder, creating it (and its parents) when missing.
    private static func openRoot(_ root: String) throws(TaskFailure) -> Int32 {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw TaskFailure(
                "cannot create the output folder \(root): \(error.localizedDescription)", retryable: false)
        }
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TaskFailure("cannot open the output folder \(root): \(errorText())", retryable: false)
        }
        return descriptor
    }

    /// Opens `name` in the folder `parent` without following a link out of `realRoot`; creates it
    /// there when missing.
    private static func openOrCreate(
        _ name: String, in parent: Int32, walked: String, realRoot: String, shown: (folder: String, root: String)
    ) throws(TaskFailure) -> Int32 {
        guard name != ".." else {
            throw TaskFailure(
                "\(shown.folder) climbs out of the output folder \(shown.root); refusing to write", retryable: false)
        }
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
        var descriptor = openat(parent, name, flags | O_NOFOLLOW)
        if descriptor < 0 && errno == ENOENT {
            guard mkdirat(parent, name, 0o755) == 0 || errno == EEXIST else {
                throw TaskFailure("cannot create \(shown.folder): \(errorText())", retryable: false)
            }
            descriptor = openat(parent, name, flags | O_NOFOLLOW)
        }
        if descriptor >= 0 { return descriptor }
        let code = errno
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw TaskFailure("cannot open \(shown.folder): \(String(cString: strerror(code)))", retryable: false)
        }
        guard (info.st_mode & S_IFMT) == S_IFLNK else {
            throw TaskFailure("\(shown.folder) exists and is not a folder", retryable: false)
        }
        // A link: follow it once, then look at where the opened folder really is.
        let linked = openat(parent, name, flags)
        let outside = TaskFailure(
            "\(shown.folder) leads outside the output folder \(shown.root) (a symbolic link); refusing to write",
            retryable: false)
        guard linked >= 0 else { throw outside }
        let real = physicalPath(of: linked, fallback: walked)
        guard real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
            close(linked)
            throw outside
        }
        return linked
    }

    /// Where an open folder physically is (no links in the path); `fallback` resolved when the
    /// system cannot say.
    private static func physicalPath(of descriptor: Int32, fallback: String) -> String {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
            if count > 0 {
                return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        #endif
        guard !fallback.isEmpty, let resolved = realpath(fallback, nil) else { return fallback }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
