import Foundation
import PipelineStore

/// Collects the phase marks of one task while its executor runs (from any thread).
final class PhaseRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var marks: [TaskPhaseMark] = []

    /// Records that the task entered `phase` now.
    func enter(_ phase: TaskPhase) {
        let mark = TaskPhaseMark(phase: phase.rawValue, at: Date())
        lock.lock()
        marks.append(mark)
        lock.unlock()
    }

    /// The marks so far, oldest first.
    var recorded: [TaskPhaseMark] {
        lock.lock()
        defer { lock.unlock() }
        return marks
    }
}
