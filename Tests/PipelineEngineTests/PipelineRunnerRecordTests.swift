import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// What a whole run in process leaves in the store (a real SQLite file): the run's row with its
/// totals, the task rows, and what a later run reuses of it.
@Suite struct PipelineRunnerRecordTests {
    private static func run(
        _ fixture: PlanFixture, executor: FileWritingExecutor = FileWritingExecutor(), failFast: Bool = false,
        maxParallel: Int? = nil
    ) async throws -> (RunSummary, RunRecord?) {
        try fixture.write("test.yaml", Pipelines.chain())
        let runner = PipelineRunner(executors: ["image.resize": executor, "rename": executor], observer: EventLog())
        let state = PathText.join(fixture.path, "state.db")
        let session = try PipelineSession(
            file: PathText.join(fixture.path, "test.yaml"),
            options: RunOptions(maxParallel: maxParallel, failFast: failFast, statePath: state, environment: [:]))
        let store = try SQLiteStateStore(path: state)
        defer { try? store.close() }
        let summary = try await runner.run(session, store: store)
        return (summary, try await store.run(id: summary.runID))
    }

    @Test func aSucceededRunIsRecordedWithItsTotals() async throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let (summary, record) = try await Self.run(fixture)
        let run = try #require(record)
        #expect(summary.outcome == .succeeded)
        #expect(run.outcome == .succeeded)
        #expect(run.pipeline == "chain")
        #expect(run.finishedAt != nil)
        #expect(run.totals == RunTotals(tasksTotal: 6, tasksSucceeded: 6))
        #expect(run.process.pid == ProcessIdentity.current.pid)
    }

    @Test func aFailedRunIsRecordedWithItsFailuresAndSkips() async throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let (summary, record) = try await Self.run(fixture, executor: FileWritingExecutor(failing: "thumbs[b"))
        let run = try #require(record)
        #expect(summary.outcome == .failed)
        #expect(run.outcome == .failed)
        #expect(run.totals.tasksTotal == 4)
        #expect(run.totals.tasksSucceeded == 2)
        #expect(run.totals.tasksFailed == 1)
        #expect(run.totals.tasksSkipped == 1)
        #expect(run.totals.creditsSpent == 0)
    }

    @Test func aRerunAfterAFailureRunsOnlyWhatDidNotSucceed() async throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let (first, _) = try await Self.run(fixture, executor: FileWritingExecutor(failing: "thumbs[b"))
        #expect(first.failed == 1)
        let executor = FileWritingExecutor()
        let (second, record) = try await Self.run(fixture, executor: executor)
        #expect(second.outcome == .succeeded)
        #expect(second.cached == 2, "the first run's branch of a.png is reused")
        #expect(second.succeeded == 2)
        #expect(Set(executor.parameters.keys).allSatisfy { $0.contains("[b") }, "\(executor.parameters.keys)")
        let run = try #require(record)
        #expect(run.totals.tasksCached == 2)
        #expect(run.totals.tasksSucceeded == 2)
    }

    @Test func failFastStopsAfterTheFirstFailureAndRecordsTheRestAsSkipped() async throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let (summary, record) = try await Self.run(
            fixture, executor: FileWritingExecutor(failing: "thumbs[a"), failFast: true, maxParallel: 1)
        #expect(summary.outcome == .failed)
        #expect(summary.failed == 1)
        #expect(summary.succeeded == 0)
        #expect(summary.skipped == 5)
        let run = try #require(record)
        #expect(run.totals.tasksFailed == 1)
        #expect(run.totals.tasksSkipped == 5)
    }

    @Test func everyRunOfOnePipelineIsListedNewestFirst() async throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let (first, _) = try await Self.run(fixture)
        let (second, _) = try await Self.run(fixture)
        let store = try SQLiteStateStore(path: PathText.join(fixture.path, "state.db"))
        defer { try? store.close() }
        let runs = try await store.runs(pipeline: "chain", limit: 10)
        #expect(runs.map(\.id) == [second.runID, first.runID])
        #expect(try await store.latestRun(pipeline: "chain")?.id == second.runID)
        #expect(runs.last?.totals.tasksSucceeded == 2)
        #expect(runs.first?.totals.tasksCached == 2)
    }
}
