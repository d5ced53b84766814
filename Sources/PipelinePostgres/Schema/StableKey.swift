/// 64-bit keys for PostgreSQL advisory locks, stable across processes, machines and releases
/// (FNV-1a over the UTF-8 bytes; Swift's `Hasher` is seeded per process).
enum StableKey {
    /// The key for `parts`, joined by a zero byte.
    static func of(_ parts: String...) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0) &* 0x100_0000_01b3 }
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return Int64(bitPattern: hash)
    }
}
