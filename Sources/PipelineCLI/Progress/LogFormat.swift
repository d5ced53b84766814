import ArgumentParser

/// `--log-format text|json`.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// A live display on a terminal, timestamped lines elsewhere.
    case text
    /// One JSON object per event and line.
    case json
}
