import Foundation
import Logging
import NIOConcurrencyHelpers
import PipelineEngine

/// The display on a terminal: a board of stage lines redrawn in place a few times a second,
/// with log lines (failures, retries, notes) printed above it, and the summary table (with the
/// outcome line) in its place at the end.
///
/// Every write goes through one ``OutputSink`` lock: a log line erases the board, prints, and
/// redraws it in one chunk, so nothing garbles.
///
/// `@unchecked Sendable` only for ``log``, written once at the end of `init` (its handler needs
/// `self`) before the observer is shared, and only read after; everything that changes is in ``state``.
final class LiveRunObserver: RunDisplay, @unchecked Sendable {
    /// What the board shows and how much of it is on screen, under the box's lock (held while a
    /// chunk is written, so a redraw never interleaves with a line above the board).
    private struct State {
        var progress = RunProgress()
        var drawnLines = 0
        var finished = false
        var refresher: Task<Void, Never>?
    }

    private let sink: OutputSink
    fileprivate let style: TerminalStyle
    private let environment: [String: String]
    private let state = NIOLockedValueBox(State())
    /// Set at the end of `init`: its log handler needs `self`.
    private var log: EventLog!

    /// Time between two redraws of the board.
    static let refreshInterval: Duration = .milliseconds(150)

    init(sink: OutputSink, environment: [String: String], quiet: Bool) {
        self.sink = sink
        self.environment = environment
        style = TerminalStyle(environment: environment)
        let handler = LineAboveBoardHandler(observer: self)
        log = EventLog(logger: Logger(label: "pipeline.run") { _ in handler }, quiet: quiet)
    }

    func observe(_ event: RunEvent) {
        state.withLockedValue { state in
            state.progress.apply(event)
            if case .runStarted = event, state.refresher == nil {
                state.refresher = Task.detached { [weak self] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.refreshInterval)
                        self?.redraw()
                    }
                }
            }
        }
        if case .runFinished(let summary) = event {
            finish(summary)
            return
        }
        log.log(event)
    }

    /// A line that is not a task event.
    func note(_ message: String) {
        log.note(message)
    }

    /// Prints `text` above the board (called by the log handler).
    fileprivate func printAbove(_ text: String) {
        state.withLockedValue { state in
            let board = state.finished ? [] : boardLines(state.progress)
            sink.exclusively { write in
                write(Self.erase(state.drawnLines) + text + "\n" + board.map { $0 + "\n" }.joined())
            }
            state.drawnLines = board.count
        }
    }

    /// Draws the board again (the elapsed times move even when no event came).
    private func redraw() {
        state.withLockedValue { state in
            guard !state.finished else { return }
            let board = boardLines(state.progress)
            sink.exclusively { write in
                write(Self.erase(state.drawnLines) + board.map { $0 + "\n" }.joined())
            }
            state.drawnLines = board.count
        }
    }

    private func finish(_ summary: RunSummary) {
        state.withLockedValue { state in
            state.refresher?.cancel()
            state.finished = true
            let width = TerminalSize(of: sink.descriptor, environment: environment).columns
            let table = SummaryTable.text(state.progress, summary: summary, width: width - 1)
            sink.exclusively { write in write(Self.erase(state.drawnLines) + table) }
            state.drawnLines = 0
        }
    }

    /// Moves the cursor back to the board's first line and clears from there down.
    private static func erase(_ drawnLines: Int) -> String {
        drawnLines == 0 ? "\r\u{1B}[J" : "\u{1B}[\(drawnLines)A\r\u{1B}[J"
    }

    private func boardLines(_ progress: RunProgress) -> [String] {
        let terminal = TerminalSize(of: sink.descriptor, environment: environment)
        let board = ProgressBoard(style: style, width: terminal.columns, height: terminal.rows)
        return board.lines(progress, now: Date())
    }
}

/// Hands log records from `notice` up (not every start and done: the board shows those) to the
/// live display, which prints them above its board; errors in red, warnings in yellow.
private struct LineAboveBoardHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice
    var metadataProvider: Logger.MetadataProvider?
    weak var observer: LiveRunObserver?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let style = observer?.style ?? TerminalStyle(colors: false)
        let color: TerminalStyle.Color? =
            switch event.level {
            case .error, .critical: .red
            case .warning: .yellow
            default: nil
            }
        observer?.printAbove(style.paint(event.message.description, color))
    }
}
