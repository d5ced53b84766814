import Foundation
import Logging
import PipelineEngine

/// Turns run events into swift-log records: one per task event, with the event's fields as
/// metadata, so a plain handler prints readable lines and a JSON handler prints objects.
struct EventLog: Sendable {
    let logger: Logger
    /// Only failures (and the run's end, which the caller prints) when true.
    let quiet: Bool

    func log(_ event: RunEvent) {
        switch event {
        case .runStarted(let start):
            guard !quiet else { return }
            var metadata: Logger.Metadata = [
                "event": "run_started", "run": .string(start.runID), "pipeline": .string(start.pipeline),
                "tasks": .stringConvertible(start.tasks),
                "cached": .stringConvertible(start.cached), "resumable": .stringConvertible(start.resumable),
                "uncertain": .stringConvertible(start.uncertain), "to_run": .stringConvertible(start.toRun),
                "credits_to_spend": .stringConvertible(start.creditsToSpend),
            ]
            if start.held > 0 { metadata["held"] = .stringConvertible(start.held) }
            logger.notice(
                "run \(start.runID) of \(start.pipeline): \(start.tasks) tasks (\(start.cached) cached, \(start.resumable) resumable, \(start.uncertain) uncertain, \(start.toRun) to run\(start.held > 0 ? ", \(start.held) held by another run" : "")), \(start.creditsToSpend) credits to spend",
                metadata: metadata)
        case .taskCached(let task, let stage):
            guard !quiet else { return }
            logger.debug(
                "cached \(task)", metadata: ["event": "task_cached", "task": .string(task), "stage": .string(stage)])
        case .taskStarted(let task, let stage, let attempt):
            guard !quiet else { return }
            logger.info(
                "start \(task)\(attempt > 1 ? " (attempt \(attempt))" : "")",
                metadata: [
                    "event": "task_started", "task": .string(task), "stage": .string(stage),
                    "attempt": .stringConvertible(attempt),
                ])
        case .taskProgress(let task, let stage, let message):
            guard !quiet else { return }
            logger.info(
                "\(task): \(message)",
                metadata: [
                    "event": "task_progress", "task": .string(task), "stage": .string(stage),
                    "detail": .string(message),
                ])
        case .taskRetrying(let task, let stage, let attempt, let delay, let error):
            guard !quiet else { return }
            logger.warning(
                "retry \(task) after attempt \(attempt) in \(HumanFormat.duration(delay)): \(error)",
                metadata: [
                    "event": "task_retrying", "task": .string(task), "stage": .string(stage),
                    "attempt": .stringConvertible(attempt),
                    "delay": .stringConvertible(delay), "error": .string(error),
                ])
        case .taskSucceeded(let task, let stage, let credits, let seconds):
            guard !quiet else { return }
            logger.info(
                "done \(task) in \(HumanFormat.duration(seconds))\(credits > 0 ? ", \(credits) credits" : "")",
                metadata: [
                    "event": "task_succeeded", "task": .string(task), "stage": .string(stage),
                    "credits": .stringConvertible(credits),
                    "seconds": .stringConvertible((seconds * 1000).rounded() / 1000),
                ])
        case .taskFailed(let task, let stage, let error):
            logger.error(
                "FAILED \(task): \(error)",
                metadata: [
                    "event": "task_failed", "task": .string(task), "stage": .string(stage), "error": .string(error),
                ])
        case .taskSkipped(let task, let stage, let reason):
            guard !quiet || reason.hasPrefix("uncertain") else { return }
            logger.warning(
                "skip \(task): \(reason)",
                metadata: [
                    "event": "task_skipped", "task": .string(task), "stage": .string(stage), "reason": .string(reason),
                ])
        case .warning(let message):
            logger.warning("warning: \(message)", metadata: ["event": "warning", "detail": .string(message)])
        case .runFinished(let summary):
            logger.notice(
                "\(SummaryTable.outcomeLine(summary).dropLast())",
                metadata: [
                    "event": "run_finished", "run": .string(summary.runID),
                    "outcome": .string(summary.outcome.rawValue),
                    "tasks": .stringConvertible(summary.tasks), "succeeded": .stringConvertible(summary.succeeded),
                    "cached": .stringConvertible(summary.cached), "failed": .stringConvertible(summary.failed),
                    "skipped": .stringConvertible(summary.skipped), "uncertain": .stringConvertible(summary.uncertain),
                    "credits_spent": .stringConvertible(summary.creditsSpent),
                    "seconds": .stringConvertible((summary.seconds * 1000).rounded() / 1000),
                ])
        }
    }

    /// A line that is not a task event ("simulating Magic Hour at …").
    func note(_ message: String) {
        logger.notice("\(message)", metadata: ["event": "note"])
    }
}
