import Foundation
import Logging
import NIOConcurrencyHelpers
import PipelineEngine

/// The display when standard output is not a terminal (cron, CI, pipes): no redraws, one log
/// record per task event through swift-log (plain timestamped lines, or JSON objects), then in
/// plain mode the same summary table as on a terminal.
final class LogRunObserver: RunDisplay, Sendable {
    enum Format: String, Sendable {
        case plain, json
    }

    private let sink: OutputSink
    private let format: Format
    private let log: EventLog
    /// The run so far, under the box's lock.
    private let progress = NIOLockedValueBox(RunProgress())

    init(sink: OutputSink, format: Format, quiet: Bool) {
        self.sink = sink
        self.format = format
        let handler: any LogHandler = format == .json ? JSONLogHandler(sink: sink) : PlainLogHandler(sink: sink)
        log = EventLog(logger: Logger(label: "pipeline.run") { _ in handler }, quiet: quiet)
    }

    func observe(_ event: RunEvent) {
        // A copy of the run so far only for the summary table (not one per task event).
        let snapshot = progress.withLockedValue { progress -> RunProgress? in
            progress.apply(event)
            if case .runFinished = event { return progress }
            return nil
        }
        log.log(event)
        if case .runFinished(let summary) = event, format == .plain, let snapshot {
            // The outcome line is the log line just written.
            sink.write(SummaryTable.table(snapshot, summary: summary))
        }
    }

    /// A line that is not a task event.
    func note(_ message: String) {
        log.note(message)
    }
}
