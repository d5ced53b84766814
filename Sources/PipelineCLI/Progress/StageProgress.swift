import Foundation
import PipelineEngine
import PipelineStore

/// One stage's counters during a run, as the live display and the closing table show them.
struct StageProgress: Sendable {
    var name: String
    var typeName: String
    var total: Int
    /// Its tasks by status so far.
    var counts = TaskStatusCounts()
    var credits = 0
    /// When its first task started, and when its last task ended.
    var firstStart: Date?
    var lastEnd: Date?

    var succeeded: Int { counts.succeeded }
    var cached: Int { counts.cached }
    var failed: Int { counts.failed }
    var skipped: Int { counts.skipped }
    var running: Int { counts.running }

    /// Tasks that reached an end (done, cached, failed or skipped).
    var finished: Int { counts.finished }

    /// Seconds from its first start to its last end (or to `now` while it runs).
    func elapsed(now: Date) -> Double? {
        guard let firstStart else { return nil }
        let end = (finished == total ? lastEnd : nil) ?? now
        return max(0, end.timeIntervalSince(firstStart))
    }

    /// Seconds until it is done, from the pace of its tasks so far; nil until one finished.
    func eta(now: Date) -> Double? {
        let remaining = total - finished
        guard remaining > 0, let elapsed = elapsed(now: now), succeeded + failed > 0, elapsed > 0 else { return nil }
        let pace = Double(succeeded + failed) / elapsed
        return Double(remaining) / pace
    }
}
