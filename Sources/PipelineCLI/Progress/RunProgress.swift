import Foundation
import PipelineEngine
import PipelineStore

/// A run's progress by stage, updated from its events; every display reads it.
struct RunProgress: Sendable {
    var runID = ""
    var pipeline = ""
    var started = Date()
    var stages: [StageProgress] = []
    var creditsToSpend = 0
    private var stageIndex: [String: Int] = [:]

    /// Applies one event; returns false for events that change no counter.
    @discardableResult
    mutating func apply(_ event: RunEvent, at now: Date = Date()) -> Bool {
        switch event {
        case .runStarted(let start):
            runID = start.runID
            pipeline = start.pipeline
            started = now
            creditsToSpend = start.creditsToSpend
            stages = start.stages.map { StageProgress(name: $0.name, typeName: $0.typeName, total: $0.tasks) }
            stageIndex = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.name, $0) })
        case .taskCached(_, let stage):
            update(stage) { $0.counts.add(.cached) }
        case .taskStarted(_, let stage, let attempt):
            update(stage) {
                if attempt == 1 { $0.counts.add(.running) }
                if $0.firstStart == nil { $0.firstStart = now }
            }
        case .taskRetrying, .taskProgress, .warning:
            return false
        case .taskSucceeded(_, let stage, let credits, _):
            update(stage) {
                $0.counts.finish(as: .succeeded)
                $0.credits += credits
                $0.lastEnd = now
            }
        case .taskFailed(_, let stage, _):
            update(stage) {
                $0.counts.finish(as: .failed)
                $0.lastEnd = now
            }
        case .taskSkipped(_, let stage, _):
            update(stage) { $0.counts.add(.skipped) }
        case .runFinished:
            break
        }
        return true
    }

    /// Totals over every stage.
    var total: StageProgress {
        var sum = StageProgress(name: "total", typeName: "", total: 0)
        for stage in stages {
            sum.total += stage.total
            sum.counts.add(stage.counts)
            sum.credits += stage.credits
            if let start = stage.firstStart { sum.firstStart = min(sum.firstStart ?? start, start) }
            if let end = stage.lastEnd { sum.lastEnd = max(sum.lastEnd ?? end, end) }
        }
        return sum
    }

    private mutating func update(_ stage: String, _ change: (inout StageProgress) -> Void) {
        guard let index = stageIndex[stage] else { return }
        change(&stages[index])
    }
}
