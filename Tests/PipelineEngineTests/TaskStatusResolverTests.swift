import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// Dispositions decided against a real SQLite store in a scratch folder.
@Suite struct TaskStatusResolverTests {
    private static func store(in fixture: PlanFixture) throws -> SQLiteStateStore {
        try SQLiteStateStore(path: PathText.join(fixture.path, "state.db"))
    }

    private static func dispositions(
        _ plan: Plan, _ store: SQLiteStateStore, in fixture: PlanFixture, options: TaskStatusResolver.Options = .init()
    ) async throws -> TaskDispositions {
        try await TaskStatusResolver(store: store, options: options).dispositions(
            for: plan, baseDirectory: fixture.path)
    }

    private static func label(_ disposition: TaskDisposition?) -> String {
        switch disposition {
        case .run(let reason)?: "run: \(reason.rawValue)"
        case let other?: other.label
        case nil: "none"
        }
    }

    @Test func everyTaskOfANewPipelineRunsAsNew() async throws {
        let fixture = try PlanFixture()
        let plan = try fixture.plan(Pipelines.chain(), keys: true)
        let store = try Self.store(in: fixture)
        defer { try? store.close() }
        let dispositions = try await Self.dispositions(plan, store, in: fixture)
        #expect(dispositions.count == 4)
        #expect(plan.tasks.allSatisfy { Self.label(dispositions[$0.id]) == "run: new task" })
    }

    @Test func anEntryWithItsFilesIsCachedAndOneWithoutRunsAgain() async throws {
        let fixture = try PlanFixture()
        let plan = try fixture.plan(Pipelines.chain(), keys: true)
        let store = try Self.store(in: fixture)
        defer { try? store.close() }
        let thumbs = plan.tasks.filter { $0.stage == "thumbs" }
        for thumb in thumbs {
            let path = try #require(thumb.outputPath)
            try await store.saveCacheEntry(
                CacheEntry(
                    key: thumb.cacheKey, stage: thumb.stage, taskID: thumb.id, stageType: thumb.typeName,
                    outputsJSON: CacheRecord.outputsJSON(["path": .string(path)], task: thumb),
                    files: [StoredFile(path: path, sha256: "-", bytes: 5)], runID: "earlier", createdAt: Date(),
                    location: path))
        }
        try fixture.write(try #require(thumbs[0].outputPath), "12345")
        let dispositions = try await Self.dispositions(plan, store, in: fixture)
        #expect(Self.label(dispositions[thumbs[0].id]) == "cached")
        #expect(Self.label(dispositions[thumbs[1].id]) == "run: output missing")
        #expect(plan.ids("final").allSatisfy { Self.label(dispositions[$0]) == "run: new task" })
    }

    @Test func aForcedStageForcesWhatDependsOnIt() async throws {
        let fixture = try PlanFixture()
        let plan = try fixture.plan(Pipelines.launch, keys: true)
        let store = try Self.store(in: fixture)
        defer { try? store.close() }
        let dispositions = try await Self.dispositions(
            plan, store, in: fixture, options: .init(forceStages: ["clips"]))
        for task in plan.tasks {
            let expected = task.stage == "thumbs" ? "run: new task" : "run: forced"
            #expect(Self.label(dispositions[task.id]) == expected, "\(task.id)")
        }
    }

    @Test func paidJobsOnRecordAreResumedHeldOrUncertain() async throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.paid, keys: true)
        let clip = try #require(plan.tasks.first { $0.stage == "clip" })
        let store = try Self.store(in: fixture)
        defer { try? store.close() }
        // An intent whose run left no row: its create call may have happened.
        _ = try await store.claimPaidJob(
            key: clip.cacheKey, taskID: clip.id, runID: "dead-run", owner: .current, estimate: nil, at: Date(),
            replacingJobsBefore: nil, resubmittingUncertain: false)
        #expect(Self.label(try await Self.dispositions(plan, store, in: fixture)[clip.id]) == "uncertain")
        let resubmitting = try await Self.dispositions(
            plan, store, in: fixture, options: .init(resubmitUncertain: true))
        #expect(Self.label(resubmitting[clip.id]) == "run: resubmitting an uncertain job")

        try await store.recordSubmitted(key: clip.cacheKey, projectID: "proj-1", credits: 120, at: Date())
        #expect(Self.label(try await Self.dispositions(plan, store, in: fixture)[clip.id]) == "resumable")

        try await store.updatePaidJob(
            key: clip.cacheKey, state: .failed, lastStatus: "error", lastError: nil, at: Date())
        #expect(
            Self.label(try await Self.dispositions(plan, store, in: fixture)[clip.id]) == "run: previous attempt failed"
        )
    }

    @Test func anIntentOfALiveRunIsHeld() async throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.paid, keys: true)
        let clip = try #require(plan.tasks.first { $0.stage == "clip" })
        let store = try Self.store(in: fixture)
        defer { try? store.close() }
        let me = ProcessIdentity.current
        try await store.beginRun(
            RunRecord(
                id: "live-run", pipeline: "paid", file: "test.yaml", startedAt: Date(), host: me.host, pid: me.pid,
                processStartTicks: me.startTicks))
        _ = try await store.claimPaidJob(
            key: clip.cacheKey, taskID: clip.id, runID: "live-run", owner: me, estimate: nil, at: Date(),
            replacingJobsBefore: nil,
            resubmittingUncertain: false)
        let dispositions = try await Self.dispositions(plan, store, in: fixture)
        #expect(Self.label(dispositions[clip.id]) == "held by another run")
    }
}
