#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes bytes to a path atomically: a hidden `.<name>.<random>.part` file in the same folder,
/// fsync, then rename(2) over the destination. Readers see the old file or the new one, never a mix.
enum AtomicFile {
    /// Why a write failed, with the path that failed (the destination or its folder).
    struct Failure: Error {
        var path: String
        var reason: String
    }

    /// Writes `bytes` to `path`, creating missing folders.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw Failure(path: path, reason: "the path names a folder, not a file")
        }
        try makeFolders(folder)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(suffix).part"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(path: path, reason: "cannot create \(temporary): \(errorText())")
        }
        do throws(Failure) {
            try writeAll(fd, bytes, temporary)
            guard fsync(fd) == 0 else { throw Failure(path: path, reason: "fsync failed: \(errorText())") }
            guard close(fd) == 0 else {
                throw Failure(path: path, reason: "close failed: \(errorText())")
            }
            guard rename(temporary, path) == 0 else {
                throw Failure(path: path, reason: "cannot rename the temporary file into place: \(errorText())")
            }
        } catch {
            _ = close(fd)  // EBADF when already closed: harmless.
            _ = unlink(temporary)
            throw error
        }
    }

    /// Splits a path into its folder ("" for the current one) and its last component.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ temporary: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            #else
                let written = Darwin.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: temporary, reason: "write failed: \(errorText())")
            }
            offset += written
        }
    }

    /// mkdir -p, reporting the first component that cannot be created.
    private static func makeFolders(_ folder: String) throws(Failure) {
        guard !folder.isEmpty, folder != "/" else { return }
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw Failure(path: folder, reason: "it exists and is not a folder")
            }
            return
        }
        try makeFolders(split(folder).folder)
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: folder, reason: "cannot create the folder: \(errorText())")
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
