import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// Whole runs in process: the real runner, scheduler and SQLite store, with executors that write
/// small files in place of resizing and renaming (no network, no libvips).
@Suite struct PipelineRunnerTests {
    private static func run(
        _ fixture: PlanFixture, executor: FileWritingExecutor = FileWritingExecutor(), log: EventLog = EventLog(),
        maxParallel: Int? = nil, pipeline: String = Pipelines.chain()
    ) async throws -> RunSummary {
        try fixture.write("test.yaml", pipeline)
        let runner = PipelineRunner(executors: ["image.resize": executor, "rename": executor], observer: log)
        let session = try PipelineSession(
            file: PathText.join(fixture.path, "test.yaml"),
            options: RunOptions(
                maxParallel: maxParallel, statePath: PathText.join(fixture.path, "state.db"), environment: [:]))
        let store = try SQLiteStateStore(path: PathText.join(fixture.path, "state.db"))
        defer { try? store.close() }
        return try await runner.run(session, store: store)
    }

    private static func rows(_ fixture: PlanFixture, runID: String) async throws -> [TaskRecord] {
        let store = try SQLiteStateStore(path: PathText.join(fixture.path, "state.db"))
        defer { try? store.close() }
        return try await store.tasks(runID: runID)
    }

    @Test func aSecondRunFindsEveryTaskCachedAndWritesNoTaskRows() async throws {
        let fixture = try PlanFixture()
        let first = try await Self.run(fixture)
        #expect(first.outcome == .succeeded)
        #expect(first.succeeded == 4)
        let firstRows = try await Self.rows(fixture, runID: first.runID)
        #expect(firstRows.count == 4)
        #expect(firstRows.allSatisfy { $0.status == .succeeded && $0.queuedAt != nil })

        let log = EventLog()
        let second = try await Self.run(fixture, log: log)
        #expect(second.outcome == .succeeded)
        #expect(second.cached == 4)
        #expect(second.succeeded == 0)
        #expect(try await Self.rows(fixture, runID: second.runID).isEmpty)
        #expect(log.names == ["runStarted", "taskCached", "taskCached", "taskCached", "taskCached", "runFinished"])
    }

    /// The session's plan is made before the run has an id (`run.id` reads `<run>` there); a
    /// pipeline reading `run.*` is planned again with the run's own, where the others only get
    /// their cache keys added. A task that exists only under a real run id must run.
    @Test func aPipelineReadingTheRunIdIsPlannedWithTheRunsOwnId() async throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let pipeline = Pipelines.chain().replacingOccurrences(
            of: "  final:\n    uses: rename\n", with: "  final:\n    uses: rename\n    if: ${{ run.id != '<run>' }}\n")
        #expect(pipeline.contains("run.id"))
        let executor = FileWritingExecutor()
        let summary = try await Self.run(fixture, executor: executor, pipeline: pipeline)
        #expect(summary.outcome == .succeeded)
        #expect(summary.succeeded == 2)
        #expect(executor.parameters.keys.contains { $0.hasPrefix("final[") }, "\(executor.parameters.keys)")
        #expect(FileManager.default.fileExists(atPath: PathText.join(fixture.path, "out/a.png")))
    }

    @Test func aFailedTaskSkipsItsDependantAndItsRowSaysWhy() async throws {
        let fixture = try PlanFixture()
        let summary = try await Self.run(fixture, executor: FileWritingExecutor(failing: "thumbs[a"))
        #expect(summary.outcome == .failed)
        #expect(summary.failed == 1)
        #expect(summary.skipped == 1)
        #expect(summary.succeeded == 2)
        let rows = try await Self.rows(fixture, runID: summary.runID)
        let failed = try #require(rows.first { $0.status == .failed })
        let skipped = try #require(rows.first { $0.status == .skipped })
        #expect(failed.taskID.hasPrefix("thumbs[a"))
        #expect(skipped.taskID.hasPrefix("final[a"))
        #expect(skipped.error == "depends on failed \(failed.taskID)")
        #expect(skipped.attempts == 0)
    }

    @Test func aCachedProducerHandsItsStoredOutputsToADependantThatRuns() async throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let first = try await Self.run(fixture)
        #expect(first.succeeded == 2)
        try FileManager.default.removeItem(atPath: PathText.join(fixture.path, "out/a.png"))
        let log = EventLog()
        let executor = FileWritingExecutor()
        let second = try await Self.run(fixture, executor: executor, log: log)
        #expect(second.cached == 1)
        #expect(second.succeeded == 1)
        #expect(log.names == ["runStarted", "taskCached", "taskStarted", "taskSucceeded", "runFinished"])
        let from = try #require(executor.parameters.values.first?["from"]?.stringValue)
        #expect(from.hasPrefix("out/.work/thumbs/a-16"))
    }

    @Test(.timeLimit(.minutes(5))) func aCancelledRunSkipsItsWaitingTasksAsInterrupted() async throws {
        let fixture = try PlanFixture()
        let log = EventLog()
        let executor = FileWritingExecutor(blocking: true)
        let run = Task { try await Self.run(fixture, executor: executor, log: log, maxParallel: 1) }
        // Cancelled once the first task runs (however long a loaded machine takes to get there).
        while !log.names.contains("taskStarted") {
            try await Task.sleep(for: .milliseconds(5))
        }
        run.cancel()
        let summary = try await run.value
        #expect(summary.outcome == .interrupted)
        #expect(summary.failed == 1)
        #expect(summary.skipped == 3)
        let rows = try await Self.rows(fixture, runID: summary.runID)
        #expect(rows.filter { $0.error == "interrupted" }.count == 3)
        #expect(rows.filter { $0.error?.hasPrefix("depends on failed") == true }.count == 1)
    }
}

/// Collects a run's events.
final class EventLog: RunObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [RunEvent] = []

    func observe(_ event: RunEvent) {
        lock.withLock { events.append(event) }
    }

    /// The events' case names, in order (warnings left out).
    var names: [String] {
        lock.withLock {
            events.compactMap { event in
                switch event {
                case .runStarted: "runStarted"
                case .taskCached: "taskCached"
                case .taskStarted: "taskStarted"
                case .taskProgress: nil
                case .taskRetrying: "taskRetrying"
                case .taskSucceeded: "taskSucceeded"
                case .taskFailed: "taskFailed"
                case .taskSkipped: "taskSkipped"
                case .warning: nil
                case .runFinished: "runFinished"
                }
            }
        }
    }
}

/// Writes a task's planned output file (its id as content) and reports it; fails the tasks whose
/// id starts with `failing`; with `blocking`, waits until cancelled.
final class FileWritingExecutor: StageExecutor, @unchecked Sendable {
    private let failing: String?
    private let blocking: Bool
    private let lock = NSLock()
    private var received: [String: [String: Value]] = [:]

    init(failing: String? = nil, blocking: Bool = false) {
        self.failing = failing
        self.blocking = blocking
    }

    /// The parameters each task was given, by task id.
    var parameters: [String: [String: Value]] {
        lock.withLock { received }
    }

    func execute(_ context: TaskContext) async throws -> TaskResult {
        lock.withLock { received[context.task.id] = context.parameters }
        if let failing, context.task.id.hasPrefix(failing) {
            throw TaskFailure("cannot read the image", retryable: false)
        }
        if blocking { try await Task.sleep(for: .seconds(60)) }
        guard let path = context.task.outputPath else { throw TaskFailure("no planned path", retryable: false) }
        let url = URL(fileURLWithPath: context.absolutePath(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = Data(context.task.id.utf8)
        try data.write(to: url)
        return TaskResult(
            outputs: ["path": .string(path)], files: [StoredFile(path: path, sha256: "-", bytes: Int64(data.count))])
    }
}
