import Foundation
import Testing

@testable import PipelineStore

/// The atomic claim on a paid job's key, and the closing of runs whose process died.
@Suite("Claims and crashed runs")
struct ClaimTests {
    /// This process under another start time: a pid that now belongs to someone else.
    static let deadOwner = ProcessIdentity(
        host: ProcessIdentity.current.host, pid: ProcessIdentity.current.pid,
        startTicks: (ProcessIdentity.current.startTicks ?? 0) + 1)

    static func running(_ id: String, owner: ProcessIdentity) -> RunRecord {
        RunRecord(
            id: id, pipeline: "p-\(id)", file: "/p.yaml", startedAt: Samples.t0, host: owner.host, pid: owner.pid,
            processStartTicks: owner.startTicks)
    }

    func claim(
        _ store: any TestableStore, run: String, owner: ProcessIdentity = .current, before: Date? = nil,
        resubmit: Bool = false
    ) async throws -> PaidJobClaim {
        try await store.claimPaidJob(
            key: "k", taskID: "clips[0]", runID: run, owner: owner, estimate: 120, at: Samples.t0,
            replacingJobsBefore: before,
            resubmittingUncertain: resubmit)
    }

    @Test("liveness: this process is alive, a reused pid or an exited process is gone, another host unknown")
    func liveness() async throws {
        #expect(ProcessIdentity.current.liveness == .alive)
        #expect(Self.deadOwner.liveness == .gone)
        let exited = try await ChildProcess.exitedPID()
        #expect(ProcessIdentity(host: ProcessIdentity.current.host, pid: exited, startTicks: nil).liveness == .gone)
        #expect(ProcessIdentity(host: "elsewhere", pid: 1, startTicks: nil).liveness == .unknown)
    }

    @Test(
        "a live run's intent holds the key; another run waits; an answer lets it resume, never create",
        arguments: StoreKind.underTest)
    func liveClaimIsHeld(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Self.running("r1", owner: .current))
            try await store.beginRun(Self.running("r2", owner: .current))
            #expect(try await claim(store, run: "r1") == .claimed)
            guard case .heldByOtherRun(let job) = try await claim(store, run: "r2") else {
                Issue.record("the second run was not told the key is held")
                return
            }
            #expect(job.runID == "r1" && job.owner == .current)
            try await store.recordSubmitted(key: "k", projectID: "proj-1", credits: 120, at: Samples.t0)
            guard case .existing(let existing) = try await claim(store, run: "r2") else {
                Issue.record("the second run was not pointed at the created project")
                return
            }
            #expect(existing.projectID == "proj-1")
        }
    }

    @Test("concurrent claims on one key from many tasks: exactly one is claimed", arguments: StoreKind.underTest)
    func concurrentClaims(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            for index in 0..<20 { try await store.beginRun(Self.running("r\(index)", owner: .current)) }
            let claims = try await withThrowingTaskGroup(of: PaidJobClaim.self) { group in
                for index in 0..<20 {
                    group.addTask { try await claim(store, run: "r\(index)") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.filter { $0 == .claimed }.count == 1)
            #expect(claims.filter { if case .heldByOtherRun = $0 { true } else { false } }.count == 19)
        }
    }

    @Test(
        "an intent whose owner is gone (or whose run ended) is uncertain; resubmitting claims it on purpose",
        arguments: StoreKind.underTest)
    func deadOwnerIsUncertain(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Self.running("r1", owner: Self.deadOwner))
            try await store.beginRun(Self.running("r2", owner: .current))
            #expect(try await claim(store, run: "r1", owner: Self.deadOwner) == .claimed)
            guard case .uncertain = try await claim(store, run: "r2") else {
                Issue.record("a dead owner's intent was not uncertain")
                return
            }
            // This run's own earlier intent is uncertain too (its create may have gone out).
            #expect(try await claim(store, run: "r2", resubmit: true) == .claimed)
            guard case .uncertain = try await claim(store, run: "r2") else {
                Issue.record("a run's own unanswered intent was claimed again")
                return
            }
            // A run that finished (closed) no longer holds its intents, whoever its process is.
            try await store.finishRun(id: "r2", outcome: .failed, finishedAt: Samples.t0, totals: RunTotals())
            try await store.beginRun(Self.running("r3", owner: .current))
            guard case .uncertain = try await claim(store, run: "r3") else {
                Issue.record("a finished run's intent was held")
                return
            }
        }
    }

    @Test(
        "--force replaces only jobs recorded before the run started by runs no longer at work; failed and gone jobs are claimed anew",
        arguments: StoreKind.underTest)
    func replacingAndResubmitting(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Self.running("r1", owner: .current))
            #expect(try await claim(store, run: "r1") == .claimed)
            try await store.recordSubmitted(key: "k", projectID: "proj-1", credits: 120, at: Samples.t0)
            let before = Samples.t0.addingTimeInterval(-1)
            let after = Samples.t0.addingTimeInterval(1)
            guard case .existing = try await claim(store, run: "r2", before: before) else {
                Issue.record("a job recorded after the forced run started was replaced")
                return
            }
            // r1 is still at work: even a forced run resumes its project rather than buy another.
            guard case .existing = try await claim(store, run: "r2", before: after) else {
                Issue.record("a live run's project was replaced")
                return
            }
            try await store.finishRun(id: "r1", outcome: .succeeded, finishedAt: Samples.t0, totals: RunTotals())
            #expect(try await claim(store, run: "r2", before: after) == .claimed)
            try await store.recordSubmitted(key: "k", projectID: "proj-2", credits: 120, at: Samples.t0)
            #expect(try await store.markProjectGone(projectID: "proj-2", error: "404", at: Samples.t0) == ["k"])
            #expect(try await store.paidJob(key: "k")?.state == .gone)
            #expect(try await claim(store, run: "r3") == .claimed)
        }
    }

    @Test(
        "closing abandoned runs: dead processes only, with the ledger's credits and the task rows' counts",
        arguments: StoreKind.underTest)
    func crashedRunsAreClosed(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Self.running("dead", owner: Self.deadOwner))
            try await store.beginRun(Self.running("alive", owner: .current))
            try await store.beginRun(Samples.run("elsewhere"))
            _ = try await store.claimPaidJob(
                key: "a", taskID: "clips[0]", runID: "dead", owner: Self.deadOwner, estimate: nil, at: Samples.t0,
                replacingJobsBefore: nil, resubmittingUncertain: false)
            try await store.recordSubmitted(key: "a", projectID: "p-a", credits: 300, at: Samples.t0)
            _ = try await store.claimPaidJob(
                key: "b", taskID: "clips[1]", runID: "dead", owner: Self.deadOwner, estimate: nil, at: Samples.t0,
                replacingJobsBefore: nil, resubmittingUncertain: false)
            try await store.recordSubmitted(key: "b", projectID: "p-b", credits: 120, at: Samples.t0)
            try await store.updatePaidJob(key: "b", state: .failed, lastStatus: "error", lastError: "refunded")
            try await store.recordTask(Samples.task("clips[0]", run: "dead", status: .succeeded))
            try await store.recordTask(Samples.task("clips[1]", run: "dead", status: .running))

            let closed = try await store.closeAbandonedRuns(pipeline: nil, at: Samples.t0)
            #expect(closed.map(\.id) == ["dead"])
            let dead = try #require(try await store.run(id: "dead"))
            #expect(dead.outcome == .crashed && dead.finishedAt == Samples.t0)
            #expect(dead.totals.creditsSpent == 300, "refunded credits count as spent")
            #expect(dead.totals.tasksSucceeded == 1 && dead.totals.tasksFailed == 1)
            #expect(try await store.tasks(runID: "dead").first { $0.taskID == "clips[1]" }?.status == .failed)
            #expect(try await store.run(id: "alive")?.outcome == .running)
            #expect(try await store.run(id: "elsewhere")?.outcome == .running)
            #expect(try await store.creditsCharged(runID: "dead") == 300)
        }
    }

    @Test(
        "finishing a job writes its state, status, error and final cost at once; no cost leaves the one recorded",
        arguments: StoreKind.underTest)
    func finishWritesStateAndCost(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            try await store.beginRun(Self.running("r1", owner: .current))
            #expect(try await claim(store, run: "r1") == .claimed)
            try await store.recordSubmitted(key: "k", projectID: "proj-1", credits: 120, at: Samples.t0)
            try await store.finishPaidJob(
                key: "k", state: .complete, lastStatus: "complete", lastError: nil, finalCredits: 96, at: Samples.t0)
            var job = try #require(try await store.paidJob(key: "k"))
            #expect(job.state == .complete && job.lastStatus == "complete" && job.finalCredits == 96)
            #expect(job.projectID == "proj-1" && job.credits == 120)
            try await store.finishPaidJob(
                key: "k", state: .canceled, lastStatus: "canceled", lastError: "stopped", finalCredits: nil,
                at: Samples.t0)
            job = try #require(try await store.paidJob(key: "k"))
            #expect(job.state == .canceled && job.lastError == "stopped" && job.finalCredits == 96)
            await #expect(throws: StateStoreError.self) {
                try await store.finishPaidJob(
                    key: "none", state: .failed, lastStatus: nil, lastError: nil, finalCredits: 0, at: Samples.t0)
            }
        }
    }

    @Test("two cache entries for one key at two locations are both kept", arguments: StoreKind.underTest)
    func entriesPerLocation(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            var first = Samples.cacheEntry("k")
            first.location = "out/a.png"
            var second = Samples.cacheEntry("k")
            second.location = "out/b.png"
            second.taskID = "thumbs[b]"
            try await store.saveCacheEntries([first, second])
            #expect(try await store.cacheEntries(keys: ["k"])["k"]?.count == 2)
            #expect(try await store.cacheEntry(key: "k", location: "out/b.png")?.taskID == "thumbs[b]")
            #expect(try await store.forgetCacheEntries(stage: nil, keys: ["k"]) == 2)
        }
    }

    @Test(
        "pruning keeps the newest runs of each pipeline, never a running one, and deletes their tasks",
        arguments: StoreKind.underTest)
    func prune(kind: StoreKind) async throws {
        try await withStore(kind) { store, fixture in
            for index in 0..<5 {
                try await store.beginRun(Samples.run("a\(index)", pipeline: "a", at: Double(index)))
                try await store.recordTask(Samples.task("t", run: "a\(index)", status: .succeeded))
                if index < 4 {
                    try await store.finishRun(
                        id: "a\(index)", outcome: .succeeded, finishedAt: Samples.t0, totals: RunTotals())
                }
            }
            try await store.beginRun(Samples.run("b0", pipeline: "b"))
            try await store.finishRun(id: "b0", outcome: .succeeded, finishedAt: Samples.t0, totals: RunTotals())
            #expect(try await store.pruneRuns(pipeline: nil, keep: 1) == 4)
            #expect(try await store.runs(pipeline: nil, limit: 10).map(\.id).sorted() == ["a4", "b0"])
            #expect(try await store.tasks(runID: "a0").isEmpty)
            #expect(try await store.tasks(runID: "a4").count == 1)
        }
    }
}
