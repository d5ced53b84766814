import Foundation
import PipelineEngine

/// Prints one timestamped line per task event: the output for cron, CI and pipes.
final class PlainRunObserver: RunObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let formatter: DateFormatter
    private let quiet: Bool

    init(quiet: Bool = false) {
        self.quiet = quiet
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZZZZZ"
    }

    func observe(_ event: RunEvent) {
        let line: String?
        switch event {
        case .runStarted(let start):
            line = "run \(start.runID) of \(start.pipeline): \(start.tasks) tasks (\(start.cached) cached, \(start.resumable) resumable, "
                + "\(start.uncertain) uncertain, \(start.toRun) to run), \(start.creditsToSpend) credits to spend"
        case .taskCached:
            line = nil
        case .taskStarted(let task, _, let attempt):
            line = quiet ? nil : "start  \(task)" + (attempt > 1 ? " (attempt \(attempt))" : "")
        case .taskProgress(let task, _, let message):
            line = quiet ? nil : "       \(task): \(message)"
        case .taskRetrying(let task, _, let attempt, let delay, let error):
            line = "retry  \(task) after attempt \(attempt) in \(Self.seconds(delay)): \(error)"
        case .taskSucceeded(let task, _, let credits, let seconds):
            line = quiet ? nil : "done   \(task) in \(Self.seconds(seconds))" + (credits > 0 ? ", \(credits) credits" : "")
        case .taskFailed(let task, _, let error):
            line = "FAILED \(task): \(error)"
        case .taskSkipped(let task, _, let reason):
            line = "skip   \(task): \(reason)"
        case .runFinished(let summary):
            line = "\(summary.outcome.rawValue): \(summary.succeeded) done, \(summary.cached) cached, \(summary.failed) failed, "
                + "\(summary.skipped) skipped, \(summary.uncertain) uncertain; \(summary.creditsSpent) credits spent in \(Self.seconds(summary.seconds))"
        }
        guard let line else { return }
        let stamped = formatter.string(from: Date()) + " " + line + "\n"
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data(stamped.utf8))
    }

    static func seconds(_ value: Double) -> String {
        String(format: value < 10 ? "%.1fs" : "%.0fs", value)
    }
}
