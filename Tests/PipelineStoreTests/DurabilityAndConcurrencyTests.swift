import Foundation
import PipelinePostgres
import PipelineStore
import Testing

@Suite("State store durability and concurrency")
struct DurabilityAndConcurrencyTests {
    @Test(arguments: StoreKind.underTest)
    func aSecondStoreSeesTheSubmittedJobWithoutTheFirstClosing(kind: StoreKind) async throws {
        try await withStore(kind) { first, fixture in
            try await first.recordIntent(key: "k", taskID: "clips[0]", runID: "r1", at: Samples.t0)
            try await first.recordSubmitted(key: "k", projectID: "proj-1", credits: 600, at: Samples.t0)

            let second = try await fixture.open()
            let job = try #require(try await second.paidJob(key: "k"))
            #expect(job.state == .submitted && job.projectID == "proj-1" && job.credits == 600)
        }
    }

    /// Copies the database and its WAL while the writer is still open — the files a SIGKILL
    /// would leave — and opens the copy.
    @Test func aCrashSnapshotOfTheFilesKeepsTheSubmittedJob() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("state.db")
        let store = try SQLiteStateStore(path: path)
        try await store.recordIntent(key: "sent", taskID: "clips[0]", runID: "r1", at: Samples.t0)
        try await store.recordSubmitted(key: "sent", projectID: "proj-1", credits: 300, at: Samples.t0)
        try await store.recordIntent(key: "pending", taskID: "clips[1]", runID: "r1", at: Samples.t0)

        let copy = folder.file("copy/state.db")
        try FileManager.default.createDirectory(atPath: folder.file("copy"), withIntermediateDirectories: true)
        // The WAL holds the commits (no checkpoint has run); a crash leaves exactly these bytes.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")

        let recovered = try SQLiteStateStore(path: copy)
        let sent = try #require(try await recovered.paidJob(key: "sent"))
        #expect(sent.state == .submitted && sent.projectID == "proj-1")
        #expect(try await recovered.uncertainPaidJobs().map(\.key) == ["pending"])
        withExtendedLifetime(store) {}
    }

    @Test(arguments: StoreKind.underTest)
    func twoStoresOnOneLocationWritingConcurrentlyLoseNothing(kind: StoreKind) async throws {
        try await withStore(kind) { first, fixture in
            let stores = [first, try await fixture.open()]
            try await stores[0].beginRun(Samples.run("r1"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        for n in 0..<500 {
                            let key = "s\(index)-\(n)"
                            try await store.recordIntent(key: key, taskID: key, runID: "r1", at: Samples.t0)
                            try await store.recordTask(Samples.task(key, status: .running))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let reader = try await fixture.open()
            let keys = (0..<2).flatMap { index in (0..<500).map { "s\(index)-\($0)" } }
            #expect(try await reader.paidJobs(keys: keys).count == 1000)
            #expect(try await reader.tasks(runID: "r1").count == 1000)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func severalStoresOpeningAFreshLocationAtOnceAllMigrate(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let store = try await fixture.open()
                        let version: Int
                        let current: Int
                        switch store {
                        case let sqlite as SQLiteStateStore:
                            version = try await sqlite.schemaVersion()
                            current = SQLiteStateStore.currentSchemaVersion
                        case let postgres as PostgresStateStore:
                            version = try await postgres.schemaVersion()
                            current = PostgresStateStore.currentSchemaVersion
                        default:
                            Issue.record("unknown store \(store)")
                            return
                        }
                        #expect(version == current)
                    }
                }
                try await group.waitForAll()
            }
            await fixture.tearDown()
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    @Test(arguments: StoreKind.underTest)
    func batchedLookupsOfTwentyThousandKeys(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let stored = (0..<20_000).map { "key-\($0)" }
            // Every other key has a cache entry, every third a paid job and a fingerprint.
            try await store.saveCacheEntries(
                stored.filter { $0.hasSuffix("0") || $0.hasSuffix("2") }.map { Samples.cacheEntry($0) })
            let third = stored.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
            try await store.saveFingerprints(
                third.map { FileFingerprint(path: $0, size: 1, modifiedNanoseconds: 2, inode: 3, sha256: "h-\($0)") })
            for key in third.prefix(2_000) {
                try await store.recordIntent(key: key, taskID: key, runID: "r", at: Samples.t0)
            }

            let clock = ContinuousClock()
            let start = clock.now
            let entries = try await store.cacheEntries(keys: stored + ["missing"])
            let elapsed = clock.now - start
            let expectedCached = stored.filter { $0.hasSuffix("0") || $0.hasSuffix("2") }
            #expect(entries.count == expectedCached.count)
            #expect(Set(entries.keys) == Set(expectedCached))
            #expect(entries["key-10"] == [Samples.cacheEntry("key-10")])
            #expect(elapsed < .seconds(5))

            let prints = try await store.fingerprints(paths: stored)
            #expect(prints.count == third.count)
            #expect(prints["key-3"]?.sha256 == "h-key-3" && prints["key-4"] == nil)
            let jobs = try await store.paidJobs(keys: stored)
            #expect(Set(jobs.keys) == Set(third.prefix(2_000)))

            #expect(try await store.forgetCacheEntries(stage: nil, keys: stored) == expectedCached.count)
        }
    }
}
