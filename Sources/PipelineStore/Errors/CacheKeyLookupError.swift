/// Why ``StateStore/findCacheKey(_:stages:)`` found no single key.
public enum CacheKeyLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(prefix: String)
    case ambiguous(prefix: String, count: Int)

    public var description: String {
        switch self {
        case .notFound(let prefix): "no cache entry has a key starting with '\(prefix)'"
        case .ambiguous(let prefix, let count): "'\(prefix)' matches \(count) keys; give more of the key"
        }
    }
}
