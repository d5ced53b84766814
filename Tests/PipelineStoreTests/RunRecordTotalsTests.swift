import Foundation
import PipelineStore
import Testing

/// `RunRecord` keeps its counters in one `RunTotals`, and still encodes them flat.
@Suite struct RunRecordTotalsTests {
    static let record = RunRecord(
        id: "run-1", pipeline: "launch", file: "launch.yaml", startedAt: Date(timeIntervalSince1970: 1_000),
        finishedAt: Date(timeIntervalSince1970: 1_060), outcome: .succeeded,
        totals: RunTotals(
            creditsSpent: 120, tasksTotal: 9, tasksSucceeded: 4, tasksCached: 3, tasksFailed: 1, tasksSkipped: 1),
        host: "box", pid: 42, processStartTicks: 777)

    @Test func theCountersAreTheTotals() {
        #expect(
            Self.record.totals
                == RunTotals(
                    creditsSpent: 120, tasksTotal: 9, tasksSucceeded: 4, tasksCached: 3, tasksFailed: 1,
                    tasksSkipped: 1))
        var changed = Self.record
        changed.totals.tasksFailed = 5
        #expect(changed != Self.record)
        #expect(changed.totals.tasksFailed == 5)
    }

    @Test func encodesTheCountersFlatUnderTheirOwnNames() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        let json = String(decoding: try encoder.encode(Self.record), as: UTF8.self)
        #expect(
            json
                == #"{"creditsSpent":120,"file":"launch.yaml","finishedAt":1060,"host":"box","id":"run-1","#
                + #""outcome":"succeeded","pid":42,"pipeline":"launch","processStartTicks":777,"startedAt":1000,"#
                + #""tasksCached":3,"tasksFailed":1,"tasksSkipped":1,"tasksSucceeded":4,"tasksTotal":9}"#)
    }

    @Test func decodesWhatItEncodesAndLeavesOutAbsentOptionals() throws {
        var running = Self.record
        running.finishedAt = nil
        running.processStartTicks = nil
        running.outcome = .running
        let data = try JSONEncoder().encode(running)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("finishedAt"))
        #expect(!text.contains("processStartTicks"))
        #expect(try JSONDecoder().decode(RunRecord.self, from: data) == running)
        #expect(try JSONDecoder().decode(RunRecord.self, from: JSONEncoder().encode(Self.record)) == Self.record)
    }
}
