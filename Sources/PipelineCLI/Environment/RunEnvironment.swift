import Foundation
import PipelineLanguage

/// The environment a command gives `env.*` expressions and the Magic Hour token lookup: the
/// process environment, with the variables of the pipeline's env file filling in what it lacks.
///
/// Precedence: a variable set (non-empty) in the process environment wins over the file, so a
/// one-off `KEY=value pipeline run …` overrides the file; cron's environment is nearly empty, so
/// there the file supplies everything. The env file is `--env-file` (relative to the current
/// folder) if given, else `settings.env_file` (relative to the pipeline file's folder).
struct RunEnvironment {
    /// The merged variables.
    var variables: [String: String]
    /// The env file that was read, if any.
    var file: EnvironmentFile?

    /// Reads the env file that applies to `pipelineFile`, if any, and merges it into `base`.
    static func resolve(
        pipelineFile: String, envFile: String?, base: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EnvironmentFileFailure) -> RunEnvironment {
        try resolve(decoded: PipelineCompiler().decode(file: pipelineFile), envFile: envFile, base: base)
    }

    /// Reads the env file that applies to the `decoded` pipeline file, if any, and merges it into `base`.
    static func resolve(
        decoded: Compilation, envFile: String?, base: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EnvironmentFileFailure) -> RunEnvironment {
        guard let named = envFileReference(decoded: decoded, override: envFile) else {
            return RunEnvironment(variables: base, file: nil)
        }
        let file: EnvironmentFile
        do {
            file = try EnvironmentFile.load(named.path)
        } catch {
            throw EnvironmentFileFailure(error: error, location: named.location, source: named.source)
        }
        var variables = base
        for (key, value) in file.variables where variables[key]?.isEmpty ?? true {
            variables[key] = value
        }
        return RunEnvironment(variables: variables, file: file)
    }

    /// `override`, or `settings.env_file` resolved against the pipeline file's folder (with
    /// where the file names it); `nil` when neither is set (or the file cannot be decoded: its
    /// compilation reports why).
    private static func envFileReference(
        decoded compilation: Compilation, override: String?
    ) -> (path: String, location: SourceLocation?, source: SourceFile?)? {
        if let override { return (override, nil, nil) }
        guard let pipeline = compilation.pipeline, let relative = pipeline.settings.envFile else { return nil }
        return (
            PathText.join(pipeline.baseDirectory, relative), pipeline.settings.envFileLocation, compilation.source
        )
    }

    /// For commands: the merged variables, or an error printed to standard error and exit code 2.
    static func forCommand(decoded: Compilation, envFile: String?) throws -> [String: String] {
        do {
            return try resolve(decoded: decoded, envFile: envFile).variables
        } catch {
            StandardStreams.error(error.rendered(.error))
            throw PipelineExitCode.invalidFile
        }
    }
}
