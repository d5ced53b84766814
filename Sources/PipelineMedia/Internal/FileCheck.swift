#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checks made before libav opens a path, so a missing file and a folder get errors of their own.
enum FileCheck {
    /// Returns when `path` is a regular file (symbolic links followed); throws otherwise.
    static func requireRegularFile(_ path: String) throws(MediaProbeError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let number = errno
            if number == ENOENT || number == ENOTDIR { throw .fileMissing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(number)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .unreadable(path: path, reason: "it is a folder")
        default: throw .unreadable(path: path, reason: "it is not a regular file")
        }
    }
}
