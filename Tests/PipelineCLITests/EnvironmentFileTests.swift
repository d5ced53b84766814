import Foundation
import Testing

/// Env files (`settings.env_file`, `--env-file`) through the real executable: where they are
/// found, their format, precedence, the permission rule, and that no value is ever printed.
@Suite struct EnvironmentFileTests {
    typealias Support = ScheduleTestSupport

    /// A secret-looking value that must never appear in any output.
    static let secret = "never-print-this-9d41c7"

    /// A pipeline in `jobs/` whose final file name comes from `env.*`.
    static func pipeline(envFile: String? = "secrets.env", name: String = "${{ env.THUMB_TAG }}") -> String {
        var lines = ["version: 1", "name: envcheck", "settings:", "  output_dir: out"]
        if let envFile { lines.append("  env_file: \(envFile)") }
        lines += [
            "stages:",
            "  thumb:",
            "    uses: image.resize",
            "    with: { image: one.png, width: 16 }",
            "  named:",
            "    uses: rename",
            "    for_each: ${{ stages.thumb }}",
            "    with: { to: \"thumb-\(name).png\" }",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private func workspace(
        _ label: String, pipeline: String = pipeline(), envText: String?, mode: Int = 0o600
    ) throws -> PipelineWorkspace {
        let workspace = try PipelineWorkspace(label)
        try FileManager.default.createDirectory(atPath: workspace.path("jobs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: PipelineWorkspace.assets + "/products/backpack.png", toPath: workspace.path("jobs/one.png"))
        try workspace.write("jobs/envcheck.yaml", pipeline)
        if let envText {
            try workspace.write("jobs/secrets.env", envText)
            try Support.setMode(mode, of: workspace.path("jobs/secrets.env"))
        }
        return workspace
    }

    private func plan(
        _ workspace: PipelineWorkspace, _ extra: [String] = [], environment: [String: String] = [:]
    ) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            ["plan", "jobs/envcheck.yaml"] + extra, in: workspace.directory,
            environment: Support.environment(environment))
    }

    @Test("settings.env_file, relative to the pipeline's folder, fills env.*")
    func settingsEnvFileFillsEnvExpressions() async throws {
        let workspace = try workspace(
            "env-settings", envText: "THUMB_TAG=fromfile\nMAGIC_HOUR_API_KEY=\(Self.secret)\n")
        defer { workspace.remove() }
        let result = try await plan(workspace)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("→ out/thumb-fromfile.png"), "\(result.standardOutput)")
        #expect(!(result.standardOutput + result.standardError).contains(Self.secret))
    }

    @Test("a variable set in the process environment wins over the file")
    func processEnvironmentWins() async throws {
        let workspace = try workspace("env-precedence", envText: "THUMB_TAG=fromfile\n")
        defer { workspace.remove() }
        let shell = try await plan(workspace, environment: ["THUMB_TAG": "fromshell"])
        #expect(shell.status == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.contains("→ out/thumb-fromshell.png"))
        // An empty value counts as unset: the file fills it in.
        let empty = try await plan(workspace, environment: ["THUMB_TAG": ""])
        #expect(empty.standardOutput.contains("→ out/thumb-fromfile.png"), "\(empty.standardOutput)")
    }

    @Test("--env-file overrides settings.env_file and is relative to the current folder")
    func envFileOptionOverridesSettings() async throws {
        let workspace = try workspace("env-option", envText: "THUMB_TAG=fromsettings\n")
        defer { workspace.remove() }
        try workspace.write("other.env", "THUMB_TAG=fromoption\n")
        try Support.setMode(0o400, of: workspace.path("other.env"))
        let result = try await plan(workspace, ["--env-file", "other.env"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("→ out/thumb-fromoption.png"))
    }

    @Test("the format: export, quotes, escapes, comments, blank lines, CRLF, spaces around =")
    func formatVariants() async throws {
        let text = """
            # comment line
              # indented comment

            export A='single # not a comment'
            B="d\\$q"
            export   C=bare # trailing comment
            D = spaced\r
            E=
            A=sq

            """
        let first = try workspace(
            "env-format", pipeline: Self.pipeline(name: "${{ env.A }}-${{ env.C }}-${{ env.D }}"), envText: text)
        defer { first.remove() }
        let result = try await plan(first)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("→ out/thumb-sq-bare-spaced.png"), "\(result.standardOutput)")
        let quoted = try workspace(
            "env-format-quotes", pipeline: Self.pipeline(name: "${{ env.B }}"), envText: text)
        defer { quoted.remove() }
        let second = try await plan(quoted)
        #expect(second.standardOutput.contains("→ out/thumb-d$q.png"), "\(second.standardOutput)")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o606])
    func refusesAFileOthersCanRead(mode: Int) async throws {
        let workspace = try workspace("env-mode", envText: "THUMB_TAG=\(Self.secret)\n", mode: mode)
        defer { workspace.remove() }
        let result = try await plan(workspace)
        #expect(result.status == 2)
        let octal = "0" + String(mode, radix: 8)
        #expect(
            result.standardError.contains("env file 'jobs/secrets.env' has mode \(octal)"), "\(result.standardError)")
        #expect(result.standardError.contains("chmod 600 'jobs/secrets.env'"))
        #expect(!(result.standardOutput + result.standardError).contains(Self.secret))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func acceptsOwnerOnlyModes() async throws {
        for mode in [0o600, 0o400] {
            let workspace = try workspace("env-private", envText: "THUMB_TAG=private\n", mode: mode)
            defer { workspace.remove() }
            let result = try await plan(workspace)
            #expect(result.status == 0, "\(mode): \(result.standardError)")
        }
    }

    @Test func missingEnvFileIsAnError() async throws {
        let workspace = try workspace("env-missing", envText: nil)
        defer { workspace.remove() }
        let result = try await plan(workspace, environment: ["THUMB_TAG": "x"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("env file 'jobs/secrets.env' does not exist"), "\(result.standardError)")
        let option = try await plan(workspace, ["--env-file", "nowhere.env"])
        #expect(option.status == 2)
        #expect(option.standardError.contains("env file 'nowhere.env' does not exist"))
    }

    @Test("a malformed line is reported by path and line number, without its text")
    func malformedLineNamesTheLine() async throws {
        for (text, line, reason) in [
            ("THUMB_TAG=ok\n\n\(Self.secret)\n", 3, "expected KEY=value"),
            ("# c\n1\(Self.secret)=x\n", 2, "the name before '=' is not a variable name"),
            ("A=1\nB='\(Self.secret)\n", 2, "the value's single quote is not closed"),
            ("A=\"\(Self.secret)\" \(Self.secret)\n", 1, "unexpected text after the closing quote"),
        ] {
            let workspace = try workspace("env-malformed", envText: text)
            defer { workspace.remove() }
            let result = try await plan(workspace)
            #expect(result.status == 2)
            #expect(
                result.standardError.contains("error: jobs/secrets.env:\(line): \(reason)"), "\(result.standardError)")
            #expect(!(result.standardOutput + result.standardError).contains(Self.secret))
        }
    }

    @Test("validate reads the env file too, and only warns when it cannot")
    func validateReadsTheEnvFile() async throws {
        let workspace = try workspace("env-validate", envText: "THUMB_TAG=fromfile\n")
        defer { workspace.remove() }
        let valid = try await CommandRunner.run(
            ["validate", "jobs/envcheck.yaml"], in: workspace.directory, environment: Support.environment())
        #expect(valid.status == 0, "\(valid.standardError)")
        try Support.setMode(0o644, of: workspace.path("jobs/secrets.env"))
        let open = try await CommandRunner.run(
            ["validate", "jobs/envcheck.yaml"], in: workspace.directory,
            environment: Support.environment(["THUMB_TAG": "x"]))
        #expect(open.status == 0, "\(open.standardError)")
        #expect(
            open.standardError.contains("jobs/envcheck.yaml:5:13: warning: env file 'jobs/secrets.env' has mode 0644"))
    }
}

extension EngineAcceptanceTests {
    /// The Magic Hour key reaches the client from an env file only, and never shows.
    @Suite(.timeLimit(.minutes(3)))
    struct EnvironmentFileRunTests {
        @Test("a run takes MAGIC_HOUR_API_KEY from settings.env_file or --env-file; the key appears nowhere")
        func apiKeyFromEnvFile() async throws {
            let token = "env-file-only-token-5e0b"
            let fake = try await FakeAPIProcess(token: token, renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("envrun")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write(
                "launch.yaml", AcceptancePipelines.launch(takes: ["one"], settings: ["env_file: cron.env"]))
            try workspace.write("cron.env", "# written for cron\nexport MAGIC_HOUR_API_KEY=\"\(token)\"\n")
            try ScheduleTestSupport.setMode(0o644, of: workspace.path("cron.env"))
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]

            let refused = try await workspace.pipeline(arguments, token: nil)
            #expect(refused.status == 2, "\(refused.transcript)")
            #expect(refused.standardError.contains("chmod 600 'cron.env'"))
            #expect(try await fake.stats().creates == 0)

            try ScheduleTestSupport.setMode(0o600, of: workspace.path("cron.env"))
            let run = try await workspace.pipeline(arguments, token: nil)
            #expect(run.status == 0, "\(run.transcript)")
            #expect(try await fake.stats().creates == 1)
            #expect(!run.allOutput.contains(token))

            // --env-file names another file; a key in the process environment would win over it.
            try workspace.write("launch.yaml", AcceptancePipelines.launch(takes: ["one", "two"]))
            try FileManager.default.moveItem(
                atPath: workspace.path("cron.env"), toPath: workspace.path("elsewhere.env"))
            let option = try await workspace.pipeline(arguments + ["--env-file", "elsewhere.env"], token: nil)
            #expect(option.status == 0, "\(option.transcript)")
            #expect(try await fake.stats().creates == 2)
            #expect(!option.allOutput.contains(token))
            for file in [".pipeline/state.db", ".pipeline/state.db-wal"] {
                if let data = workspace.contents(file) {
                    #expect(data.range(of: Data(token.utf8)) == nil, "\(file) holds the key")
                }
            }
        }
    }
}
