import ArgumentParser

/// `--format text|json` for commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
