import PipelineStore
import Testing

@Suite struct TaskStatusCountsTests {
    @Test func countsEveryStatusInItsOwnCounter() {
        var counts = TaskStatusCounts()
        for status in TaskStatus.allCases { counts.add(status) }
        #expect(counts.succeeded == 1)
        #expect(counts.cached == 1)
        #expect(counts.failed == 1)
        #expect(counts.skipped == 1)
        #expect(counts.uncertain == 1)
        // Queued and running both count as running.
        #expect(counts.running == 2)
        #expect(counts.finished == 5)
        #expect(counts.total == 7)
        #expect(counts[.queued] == 1)
    }

    @Test func aTallyOfRecordsCountsEachRecordOnce() {
        let records = [TaskStatus.succeeded, .succeeded, .failed].enumerated().map { index, status in
            TaskRecord(
                runID: "r", taskID: "t\(index)", stage: "s", cacheKey: "k\(index)", status: status, attempts: 1,
                queuedAt: nil, startedAt: nil, finishedAt: nil, credits: 0, error: nil, detail: nil)
        }
        let counts = TaskStatusCounts(records)
        #expect(counts.succeeded == 2)
        #expect(counts.failed == 1)
        #expect(counts.total == 3)
        // Finishing removes a zero entry: equal to a tally that never ran anything.
        var finished = TaskStatusCounts()
        finished.add(.running)
        finished.finish(as: .cached)
        var cachedOnly = TaskStatusCounts()
        cachedOnly.add(.cached)
        #expect(finished == cachedOnly)
    }

    @Test func finishingMovesATaskFromRunningAndNeverBelowZero() {
        var counts = TaskStatusCounts()
        counts.add(.running)
        counts.finish(as: .succeeded)
        #expect(counts.running == 0)
        #expect(counts.succeeded == 1)
        counts.finish(as: .failed)
        #expect(counts.running == 0)
        #expect(counts.failed == 1)
    }

    @Test func addingSumsEachCounter() {
        var first = TaskStatusCounts()
        first.add(.cached)
        first.add(.failed)
        var second = TaskStatusCounts()
        second.add(.cached)
        second.add(.uncertain)
        first.add(second)
        #expect([first.cached, first.failed, first.uncertain, first.total] == [2, 1, 1, 4])
        var same = TaskStatusCounts()
        for status in [TaskStatus.uncertain, .cached, .failed, .cached] { same.add(status) }
        #expect(first == same)
    }
}
