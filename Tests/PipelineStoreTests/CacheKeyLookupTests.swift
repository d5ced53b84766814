import Foundation
import Testing

@testable import PipelineStore

/// `cache forget --key PREFIX`: a person's key prefix resolved in the store.
@Suite struct CacheKeyLookupTests {
    @Test func aKeyWithEntriesAtSeveralLocationsIsOneKey() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        var first = Samples.cacheEntry("abc123")
        first.location = "work/thumbs/a.png"
        var second = Samples.cacheEntry("abc123")
        second.location = "work/thumbs/b.png"
        try await store.saveCacheEntries([first, second, Samples.cacheEntry("abd999")])
        #expect(try await store.findCacheKey("abc") == "abc123")
        await #expect(throws: CacheKeyLookupError.ambiguous(prefix: "ab", count: 2)) {
            try await store.findCacheKey("ab")
        }
        await #expect(throws: CacheKeyLookupError.notFound(prefix: "zz")) { try await store.findCacheKey("zz") }
    }

    @Test func stagesNarrowTheMatch() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        try await store.saveCacheEntries([
            Samples.cacheEntry("k1", stage: "thumbs"), Samples.cacheEntry("k2", stage: "clips"),
        ])
        #expect(try await store.findCacheKey("k", stages: ["clips"]) == "k2")
        await #expect(throws: CacheKeyLookupError.notFound(prefix: "k1")) {
            try await store.findCacheKey("k1", stages: ["clips"])
        }
    }
}
