#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat(2)` says about a file: the parts a fingerprint compares.
struct FileStatus: Sendable, Equatable {
    var size: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    /// Reads `stat` for a regular file (following symbolic links).
    static func of(_ path: String) throws -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw FingerprintError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FingerprintError.cannotRead(path: path, reason: "not a regular file")
        }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return FileStatus(
            size: Int64(info.st_size),
            modifiedNanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec),
            inode: UInt64(info.st_ino))
    }

    /// True when the stored fingerprint was taken of this same file state.
    func matches(_ fingerprint: FileFingerprint) -> Bool {
        size == fingerprint.size && modifiedNanoseconds == fingerprint.modifiedNanoseconds
            && inode == fingerprint.inode
    }
}
