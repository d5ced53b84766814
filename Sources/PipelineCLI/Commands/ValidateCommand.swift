import ArgumentParser
import Foundation
import MagicHourRules
import PipelineLanguage

/// `pipeline validate FILE…` — report every problem in pipeline files.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files and report every problem at once.",
        discussion: """
            Each problem is printed as file:line:column: error: message, with the offending line, a caret
            under the column, and a hint where one helps. Exits 2 when any file has an error.
            """
    )

    @Argument(help: "Pipeline files to check.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "text for people, json for editors and CI.")
    var format: OutputFormat = .text

    @Option(
        help: "The Magic Hour tier to check `default` for: free, creator, pro or business (overrides settings.tier).")
    var tier: AccountTier?

    func run() throws {
        let compiler = PipelineCompiler()
        var compilations: [Compilation] = []
        var unusableEnvFiles: Set<String> = []
        for file in files {
            // env.* sees the env file as a run would; a missing or too open one is only a warning
            // here, so files can be checked where the secrets are not (CI). One that is not a
            // regular file (a FIFO, a folder) would fail every run: that is an error.
            var environment = ProcessInfo.processInfo.environment
            do {
                environment = try RunEnvironment.resolve(pipelineFile: file, envFile: nil).variables
            } catch {
                if case .notAFile = error.error {
                    StandardStreams.error(error.rendered(.error))
                    unusableEnvFiles.insert(file)
                } else {
                    StandardStreams.error(error.rendered(.warning))
                }
            }
            compilations.append(
                compiler.compile(
                    file: file, options: PlanOptions(computeCacheKeys: false, environment: environment, tier: tier)))
        }
        let renderer = DiagnosticRenderer(sources: compilations.map(\.source))
        let diagnostics = compilations.flatMap(\.diagnostics)
        switch format {
        case .json:
            StandardStreams.out(renderer.json(diagnostics) + "\n")
        case .text:
            if !diagnostics.isEmpty { StandardStreams.error(renderer.text(diagnostics)) }
            for compilation in compilations {
                let errors = compilation.errors.count + (unusableEnvFiles.contains(compilation.source.path) ? 1 : 0)
                let warnings = compilation.diagnostics.count - compilation.errors.count
                if errors == 0 {
                    let tasks = compilation.plan.map { " (\($0.tasks.count) tasks, \($0.totalCredits) credits)" } ?? ""
                    StandardStreams.out(
                        "\(compilation.source.path): valid\(tasks)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")\n"
                    )
                } else {
                    StandardStreams.error("\(compilation.source.path): \(errors) error\(errors == 1 ? "" : "s")\n")
                }
            }
        }
        if !unusableEnvFiles.isEmpty || compilations.contains(where: \.hasErrors) { throw PipelineExitCode.invalidFile }
    }
}
