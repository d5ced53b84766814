import PipelineLanguage

/// An env file that was refused, with where the pipeline file names it (`settings.env_file`),
/// so the message points at `file:line:column`. `--env-file` has no position in a file.
struct EnvironmentFileFailure: Error, CustomStringConvertible {
    var error: EnvironmentFileError
    /// The `env_file` value in the pipeline file, and that file; nil for `--env-file`.
    var location: SourceLocation?
    var source: SourceFile?

    /// The plain message (no position), as `EnvironmentFileError` words it.
    var description: String { error.description }

    /// `file:line:column: error: …` with the line and a caret, or `error: …` without a position.
    func rendered(_ severity: Diagnostic.Severity) -> String {
        guard let location, let source else { return "\(severity.rawValue): \(error)\n" }
        let diagnostic = Diagnostic(severity, .environment, at: location, error.description)
        return DiagnosticRenderer(sources: [source]).text([diagnostic])
    }
}
