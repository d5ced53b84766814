import PipelineEngine
import PipelineLanguage

/// The one way a command reads a pipeline file: decoded once, its env file merged into the
/// environment, then planned into a ``PipelineSession`` that the engine uses from there on.
enum CommandSession {
    /// The session for `file`, or diagnostics on standard error and exit code 2.
    ///
    /// - Parameters:
    ///   - envFile: `--env-file`, overriding `settings.env_file`.
    ///   - options: Everything but the environment, which comes from the process and the env file.
    ///   - withCacheKeys: plan with cache keys at once (a command that only reads, like `plan`).
    static func make(
        file: String, envFile: String?, options: RunOptions = RunOptions(), withCacheKeys: Bool = false
    ) throws -> PipelineSession {
        let (decoded, options) = try decode(file: file, envFile: envFile, options: options)
        return try make(decoded: decoded, options: options, withCacheKeys: withCacheKeys)
    }

    /// `file` decoded and validated (not planned), with `options`' environment read; or
    /// diagnostics on standard error and exit code 2.
    static func decode(
        file: String, envFile: String?, options: RunOptions
    ) throws -> (decoded: Compilation, options: RunOptions) {
        let decoded = PipelineCompiler().decode(file: file)
        if decoded.pipeline == nil || decoded.hasErrors {
            throw RunCommand.exitCode(for: .invalidPipeline(decoded))
        }
        var options = options
        options.environment = try RunEnvironment.forCommand(decoded: decoded, envFile: envFile)
        return (decoded, options)
    }

    /// The session planned from what ``decode(file:envFile:options:)`` gave.
    static func make(decoded: Compilation, options: RunOptions, withCacheKeys: Bool = false) throws -> PipelineSession {
        do {
            return try PipelineSession(decoded: decoded, options: options, withCacheKeys: withCacheKeys)
        } catch {
            throw RunCommand.exitCode(for: error)
        }
    }
}
