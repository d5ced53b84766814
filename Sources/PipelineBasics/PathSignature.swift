#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat(2)` says about a file or folder, following symbolic links: enough to tell that it
/// is the same one, unchanged. Writing a file changes its size or its modification time; adding,
/// removing or renaming an entry of a folder changes the folder's; replacing either changes the
/// inode; and any of these (or `touch -d` setting an old time back) changes the status-change time,
/// which no user call can set.
public struct PathSignature: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case file = 1
        case folder = 2
        case other = 3
    }

    public var kind: Kind
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modifiedNanoseconds: Int64
    /// Status-change time, nanoseconds since 1970.
    public var changedNanoseconds: Int64

    public init(
        kind: Kind, device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64
    ) {
        self.kind = kind
        self.device = device
        self.inode = inode
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
    }

    /// The signature of `path` now, or `nil` when nothing is there (or it cannot be examined).
    public static func of(_ path: String) -> PathSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
            let changed = info.st_ctimespec
        #else
            let modified = info.st_mtim
            let changed = info.st_ctim
        #endif
        return PathSignature(
            kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
            changedNanoseconds: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
    }

    /// The later of the modification and status-change times.
    public var latestNanoseconds: Int64 { max(modifiedNanoseconds, changedNanoseconds) }
}
