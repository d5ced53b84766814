import Foundation
import NIOConcurrencyHelpers
import PipelineStore

/// Collects the phase marks of one task while its executor runs (from any thread).
final class PhaseRecorder: Sendable {
    /// The marks so far, oldest first, under the box's lock.
    private let marks = NIOLockedValueBox<[TaskPhaseMark]>([])

    /// Records that the task entered `phase` now.
    func enter(_ phase: TaskPhase) {
        let mark = TaskPhaseMark(phase: phase.rawValue, at: Date())
        marks.withLockedValue { $0.append(mark) }
    }

    /// The marks so far, oldest first.
    var recorded: [TaskPhaseMark] {
        marks.withLockedValue { $0 }
    }
}
