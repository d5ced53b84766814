import Foundation
import PipelineStore
import Testing

@Suite("State stores (SQLite and PostgreSQL)")
struct StateStoreTests {
    @Test func migrationsCreateTheSchemaAndReopenKeepsData() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("nested/deeper/state.db")
        do {
            let store = try SQLiteStateStore(path: path)
            #expect(try await store.schemaVersion() == SQLiteStateStore.currentSchemaVersion)
            try await store.beginRun(Samples.run("r1"))
            try store.close()
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try SQLiteStateStore(path: path)
        #expect(try await reopened.schemaVersion() == SQLiteStateStore.currentSchemaVersion)
        #expect(try await reopened.run(id: "r1") == Samples.run("r1"))
    }

    @Test func walJournalModeAndSynchronousSettings() async throws {
        let folder = try TemporaryDirectory()
        let normal = try SQLiteStateStore(path: folder.file("normal.db"))
        #expect(try await normal.journalMode() == "wal")
        #expect(try await normal.synchronousSetting() == 1)
        let full = try SQLiteStateStore(path: folder.file("full.db"), synchronous: .full)
        #expect(try await full.journalMode() == "wal")
        #expect(try await full.synchronousSetting() == 2)
    }

    @Test(arguments: StoreKind.underTest)
    func runsRoundTripNewestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Samples.run("r1", at: 0))
            try await store.beginRun(Samples.run("r2", at: 60))
            try await store.beginRun(Samples.run("other", pipeline: "nightly", at: 30))
            await #expect(throws: StateStoreError.duplicate(what: "run r1", path: store.path)) {
                try await store.beginRun(Samples.run("r1"))
            }

            let totals = RunTotals(
                creditsSpent: 900, tasksTotal: 10, tasksSucceeded: 6, tasksCached: 2, tasksFailed: 1, tasksSkipped: 1)
            let end = Samples.t0.addingTimeInterval(120)
            try await store.finishRun(id: "r2", outcome: .failed, finishedAt: end, totals: totals)

            var expected = Samples.run("r2", at: 60)
            expected.outcome = .failed
            expected.finishedAt = end
            expected.totals = totals
            #expect(try await store.run(id: "r2") == expected)
            #expect(try await store.latestRun(pipeline: "launch") == expected)
            #expect(try await store.runs(pipeline: "launch", limit: 10).map(\.id) == ["r2", "r1"])
            #expect(try await store.runs(pipeline: nil, limit: 2).map(\.id) == ["r2", "other"])
            #expect(try await store.run(id: "nope") == nil)
            await #expect(throws: StateStoreError.self) {
                try await store.finishRun(id: "nope", outcome: .succeeded, finishedAt: end, totals: totals)
            }

            // Held the pipeline's lock: its runs still marked running died; another pipeline's stay.
            #expect(try await store.closeAbandonedRuns(pipeline: "launch", at: end).map(\.id) == ["r1"])
            #expect(try await store.run(id: "r1")?.outcome == .crashed)
            #expect(try await store.run(id: "r1")?.finishedAt == end)
            #expect(try await store.run(id: "other")?.outcome == .running)
        }
    }

    @Test(
        "findRun: an exact id, a unique prefix, the newest (of a pipeline), and clear errors",
        arguments: StoreKind.underTest)
    func findRunByIDPrefixOrNewest(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            await #expect(throws: RunLookupError.noRuns(pipeline: nil)) { try await store.findRun(nil, pipeline: nil) }
            try await store.beginRun(Samples.run("20261125-aa", at: 0))
            try await store.beginRun(Samples.run("20261125-ab", at: 10))
            try await store.beginRun(Samples.run("20261126-c", pipeline: "other", at: 20))
            #expect(try await store.findRun("20261125-aa", pipeline: nil).id == "20261125-aa")
            #expect(try await store.findRun("20261126", pipeline: nil).id == "20261126-c")
            #expect(try await store.findRun(nil, pipeline: nil).id == "20261126-c")
            #expect(try await store.findRun(nil, pipeline: "launch").id == "20261125-ab")
            await #expect(
                throws: RunLookupError.ambiguous(
                    prefix: "20261125", count: 2, examples: ["20261125-ab", "20261125-aa"])
            ) {
                try await store.findRun("20261125", pipeline: nil)
            }
            await #expect(throws: RunLookupError.notFound(id: "2027")) {
                try await store.findRun("2027", pipeline: nil)
            }
            await #expect(throws: RunLookupError.noRuns(pipeline: "none")) {
                try await store.findRun(nil, pipeline: "none")
            }
        }
    }

    @Test(arguments: StoreKind.underTest)
    func tasksUpsertByRunAndTaskID(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Samples.run("r1"))
            try await store.recordTask(Samples.task("b"))
            try await store.recordTask(Samples.task("a"))
            var done = Samples.task("b", status: .failed)
            done.attempts = 3
            done.finishedAt = Samples.t0.addingTimeInterval(9)
            done.error = "HTTP 500"
            done.credits = 300
            try await store.recordTask(done)
            #expect(try await store.tasks(runID: "r1") == [Samples.task("a"), done])

            let many = (0..<300).map { Samples.task(String(format: "t%03d", $0), status: .succeeded) }
            try await store.recordTasks(many)
            #expect(try await store.tasks(runID: "r1").count == 302)
            #expect(try await store.tasks(runID: "missing").isEmpty)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func taskPhasesRoundTripInOrder(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Samples.run("r1"))
            var task = Samples.task("clip", status: .succeeded)
            task.queuedAt = Samples.t0
            task.phases = [
                TaskPhaseMark(phase: "uploading", at: Samples.t0.addingTimeInterval(1.25)),
                TaskPhaseMark(phase: "render\"ing", at: Samples.t0.addingTimeInterval(2.5)),
            ]
            try await store.recordTask(task)
            let read = try await store.tasks(runID: "r1")
            #expect(read == [task])
            #expect(read.first?.phases.map(\.phase) == ["uploading", "render\"ing"])
            // A task without phases stores none.
            try await store.recordTask(Samples.task("plain"))
            #expect(try await store.tasks(runID: "r1").first { $0.taskID == "plain" }?.phases == [])
        }
    }

    @Test(arguments: StoreKind.underTest)
    func cacheEntriesRoundTripUpsertAndForget(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.saveCacheEntry(Samples.cacheEntry("k1"))
            try await store.saveCacheEntry(Samples.cacheEntry("k2"))
            try await store.saveCacheEntry(Samples.cacheEntry("k3", stage: "clips"))
            var replaced = Samples.cacheEntry("k1")
            replaced.outputsJSON = #"{"path":"out/new.png"}"#
            replaced.files = []
            try await store.saveCacheEntry(replaced)

            #expect(try await store.cacheEntry(key: "k1") == replaced)
            #expect(try await store.cacheEntry(key: "zz") == nil)
            let found = try await store.cacheEntries(keys: ["k2", "k3", "zz", "k2"])
            #expect(found == ["k2": [Samples.cacheEntry("k2")], "k3": [Samples.cacheEntry("k3", stage: "clips")]])
            #expect(try await store.allCacheEntries().map(\.key) == ["k1", "k2", "k3"])

            #expect(try await store.forgetCacheEntries(stage: "clips", keys: ["k1"]) == 0)
            #expect(try await store.forgetCacheEntries(stage: nil, keys: ["k1"]) == 1)
            #expect(try await store.forgetCacheEntries(stage: "thumbs", keys: nil) == 1)
            #expect(try await store.forgetCacheEntries(stage: nil, keys: []) == 0)
            #expect(try await store.allCacheEntries().map(\.key) == ["k3"])
            #expect(try await store.forgetCacheEntries(stage: nil, keys: nil) == 1)
            #expect(try await store.allCacheEntries().isEmpty)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func paidJobJournalLifecycle(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            let t1 = Samples.t0.addingTimeInterval(1)
            let t2 = Samples.t0.addingTimeInterval(2)

            try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r1", at: Samples.t0)
            var job = try #require(try await store.paidJob(key: "k"))
            #expect(job.state == .intent && job.projectID == nil && job.isUncertain)
            #expect(try await store.uncertainPaidJobs().map(\.key) == ["k"])

            try await store.recordSubmitted(key: "k", projectID: "proj-1", credits: 300, at: t1)
            job = try #require(try await store.paidJob(key: "k"))
            #expect(
                job
                    == PaidJob(
                        key: "k", taskID: "clips[0]", runID: "r1", state: .submitted, projectID: "proj-1", credits: 300,
                        intentAt: Samples.t0, updatedAt: t1, owner: .current))
            #expect(job.isResumable && !job.isUncertain)
            #expect(try await store.uncertainPaidJobs().isEmpty)

            // A second intent for a created job is refused unless replacing on purpose.
            await #expect(
                throws: StateStoreError.paidJobConflict(
                    key: "k", state: .submitted, projectID: "proj-1", path: store.path)
            ) {
                try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r2", at: t2)
            }

            try await store.updatePaidJob(
                key: "k", state: .failed, lastStatus: "error", lastError: "render failed", at: t2)
            job = try #require(try await store.paidJob(key: "k"))
            #expect(job.state == .failed && job.lastStatus == "error" && job.lastError == "render failed")
            #expect(job.updatedAt == t2 && job.projectID == "proj-1")

            // A failed job may be resubmitted: the intent replaces it.
            try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r2", at: t2)
            job = try #require(try await store.paidJob(key: "k"))
            #expect(job.state == .intent && job.projectID == nil && job.runID == "r2" && job.lastError == nil)
            try await store.recordSubmitted(key: "k", projectID: "proj-2", credits: 300, at: t2)
            try await store.updatePaidJob(key: "k", state: .complete, lastStatus: "complete", lastError: nil, at: t2)
            try await store.recordIntent(key: "k", taskID: "clips[0]", runID: "r3", at: t2, replacingActive: true)
            #expect(try await store.paidJob(key: "k")?.state == .intent)

            await #expect(throws: StateStoreError.self) {
                try await store.recordSubmitted(key: "unknown", projectID: "p", credits: 1, at: t2)
            }
            await #expect(throws: StateStoreError.self) {
                try await store.updatePaidJob(key: "unknown", state: .complete, lastStatus: nil, lastError: nil, at: t2)
            }
        }
    }

    @Test(arguments: StoreKind.underTest)
    func fingerprintsRoundTripIncludingLargeInodes(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            let a = FileFingerprint(
                path: "/a", size: 10, modifiedNanoseconds: 1_700_000_000_123_456_789, inode: 42, sha256: "aa")
            let b = FileFingerprint(path: "/b", size: 0, modifiedNanoseconds: 0, inode: UInt64.max - 1, sha256: "bb")
            try await store.saveFingerprints([a, b])
            var changed = a
            changed.size = 11
            changed.sha256 = "cc"
            try await store.saveFingerprints([changed])
            #expect(try await store.fingerprints(paths: ["/a", "/b", "/c"]) == ["/a": changed, "/b": b])
        }
    }

    @Test(arguments: StoreKind.underTest)
    func datesKeepSubMillisecondPrecision(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            let now = Date()
            try await store.recordIntent(key: "k", taskID: "t", runID: "r", at: now)
            let stored = try #require(try await store.paidJob(key: "k")).intentAt
            #expect(abs(stored.timeIntervalSince(now)) < 0.000_01)
        }
    }
}
