import ArgumentParser
import PipelineLanguage

/// Compiles a pipeline file for a command, printing its diagnostics to standard error.
enum CompiledFile {
    /// The compilation; exits with `PipelineExitCode.invalidFile` when the file has errors.
    static func load(_ path: String, options: PlanOptions) throws -> Compilation {
        try report(PipelineCompiler().compile(file: path, options: options), path: path)
    }

    /// The file validated but not planned (no globbing, no `env.*`): its settings and schedule.
    /// Exits like ``load(_:options:)`` when the file has errors.
    static func decode(_ path: String) throws -> Compilation {
        try report(PipelineCompiler().decode(file: path), path: path)
    }

    private static func report(_ compilation: Compilation, path: String) throws -> Compilation {
        let renderer = DiagnosticRenderer(sources: [compilation.source])
        if !compilation.diagnostics.isEmpty {
            StandardStreams.error(renderer.text(compilation.diagnostics))
        }
        if compilation.hasErrors {
            let count = compilation.errors.count
            StandardStreams.error("\(path): \(count) error\(count == 1 ? "" : "s")\n")
            throw PipelineExitCode.invalidFile
        }
        return compilation
    }
}
