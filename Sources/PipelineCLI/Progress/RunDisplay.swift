import PipelineEngine

/// What `pipeline run` shows while it runs: a live board on a terminal, log lines elsewhere.
protocol RunDisplay: RunObserver {
    /// Shows a line that is not a task event ("simulating Magic Hour at …").
    func note(_ message: String)
}

/// How `run` picks its display.
enum RunDisplayChoice {
    /// Live on a terminal (unless `TERM=dumb` or `noLive`), plain lines otherwise; JSON when asked.
    static func make(logFormat: LogFormat, noLive: Bool, quiet: Bool, environment: [String: String]) -> any RunDisplay {
        let sink = OutputSink.standardOutput
        switch logFormat {
        case .json:
            return LogRunObserver(sink: sink, format: .json, quiet: quiet)
        case .text:
            if sink.isTerminal, !noLive, !quiet, environment["TERM"] != "dumb" {
                return LiveRunObserver(sink: sink, environment: environment, quiet: quiet)
            }
            return LogRunObserver(sink: sink, format: .plain, quiet: quiet)
        }
    }
}
