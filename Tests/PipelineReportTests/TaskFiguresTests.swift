import Foundation
import PipelineStore
import Testing

@testable import PipelineReport

/// What the report says of single tasks: credit drift against the plan's estimate, the problem a
/// task record shows, and how stage outcomes order and read.
@Suite struct TaskFiguresTests {
    static func job(
        estimate: Int?, charged: Int, final: Int? = nil, state: PaidJob.State = .complete, project: String? = "p1"
    ) -> PaidJob {
        PaidJob(
            key: "k", taskID: "clips[a]", runID: "r", state: state, projectID: project, credits: charged,
            intentAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 1),
            estimatedCredits: estimate, finalCredits: final)
    }

    @Test(
        arguments: [
            (Optional(100), 100, Optional<Int>.none, PaidJob.State.complete, Optional(false)),
            (100, 101, nil, .complete, false), (100, 102, nil, .complete, true), (100, 98, nil, .complete, true),
            (100, 100, 101, .complete, false), (100, 100, 150, .complete, true), (100, 100, 0, .failed, false),
            (100, 100, 0, .complete, true), (0, 0, nil, .complete, false), (0, 1, nil, .complete, true),
            (nil, 120, 120, .complete, nil),
        ] as [(Int?, Int, Int?, PaidJob.State, Bool?)])
    func driftIsMoreThanOnePercentFromTheEstimate(
        _ estimate: Int?, _ charged: Int, _ final: Int?, _ state: PaidJob.State, _ drift: Bool?
    ) {
        #expect(TaskCredits.drifts(Self.job(estimate: estimate, charged: charged, final: final, state: state)) == drift)
    }

    @Test func withoutAProjectThereIsNothingToCompare() {
        #expect(TaskCredits.drifts(Self.job(estimate: 100, charged: 0, project: nil)) == nil)
    }

    static func record(_ status: TaskStatus, error: String? = nil, detail: String? = nil) -> TaskRecord {
        TaskRecord(
            runID: "r", taskID: "thumbs[a]", stage: "thumbs", cacheKey: "k", status: status, attempts: 2,
            queuedAt: nil, startedAt: nil, finishedAt: Date(timeIntervalSince1970: 5), credits: 0, error: error,
            detail: detail)
    }

    @Test(arguments: [TaskStatus.succeeded, .cached, .queued, .running])
    func tasksThatEndedWellOrAreUnderWayAreNoProblem(_ status: TaskStatus) {
        #expect(TaskProblem(Self.record(status, error: "ignored")) == nil)
    }

    @Test func aProblemCarriesTheErrorElseTheDetailElseSaysNoneWasRecorded() throws {
        let failed = try #require(TaskProblem(Self.record(.failed, error: "  boom\n", detail: "detail")))
        #expect(failed.message == "boom")
        #expect(failed.attempts == 2 && failed.stage == "thumbs" && failed.status == .failed)
        #expect(failed.finishedAt == Date(timeIntervalSince1970: 5))
        #expect(
            TaskProblem(Self.record(.skipped, error: " ", detail: "a dependency failed"))?.message
                == "a dependency failed")
        #expect(TaskProblem(Self.record(.uncertain))?.message == "no message was recorded")
    }

    @Test func outcomesOrderFromBestToWorstAndReadForPeople() {
        #expect(StageOutcome.allCases.sorted() == StageOutcome.allCases)
        #expect(Set(StageOutcome.allCases.map(\.label)).count == StageOutcome.allCases.count, "labels are distinct")
        #expect(StageOutcome.failed.label == "some failed")
        #expect(StageOutcome.noTasks.label == "no tasks in this run")
    }
}
