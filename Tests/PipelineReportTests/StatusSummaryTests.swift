import PipelineStore
import Testing

@testable import PipelineReport

/// The stage boxes' status line, read from the store's one status tally.
@Suite struct StatusSummaryTests {
    static func counts(_ statuses: [TaskStatus]) -> StatusCounts {
        var counts = StatusCounts()
        for status in statuses { counts.add(status) }
        return counts
    }

    @Test func namesEachStatusThatHasTasksWorstLast() {
        let line = StageGraphSVG.statusSummary(Self.counts([.failed, .succeeded, .succeeded, .cached, .skipped]))
        #expect(line == "2 done · 1 cached · 1 skipped · 1 failed")
    }

    @Test func queuedAndRunningAreOneUnfinishedCount() {
        let line = StageGraphSVG.statusSummary(Self.counts([.queued, .running, .running, .uncertain]))
        #expect(line == "3 unfinished · 1 uncertain")
    }

    @Test func aStageWithoutTasksSaysSo() {
        #expect(StageGraphSVG.statusSummary(StatusCounts()) == "no tasks in this run")
    }

    @Test func theReportsCountsAreTheStoresTally() {
        let counts = Self.counts([.succeeded, .failed, .queued])
        #expect(counts.total == 3)
        #expect(counts.running == 1)
        #expect(counts.finished == 2)
        #expect(counts[.failed] == 1)
    }
}
