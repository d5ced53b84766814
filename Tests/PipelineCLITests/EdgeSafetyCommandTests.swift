import Foundation
import Testing

/// Issue 11 ("money-safe at every edge") through the real executable: plans too large to build,
/// env files that would block, globs that would never end, inputs that are missing or empty,
/// and secrets in expressions. Each command runs with a deadline, so a hang fails the test.
@Suite struct EdgeSafetyCommandTests {
    /// A scratch folder with a pipeline file and an image, removed at the end.
    final class Workspace {
        let path: String

        init(_ name: String) throws {
            path =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "edge-\(name)-\(UUID().uuidString.prefix(8))"
                ).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        func write(_ relative: String, _ text: String) throws {
            let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func image(_ relative: String) throws {
            let target = URL(fileURLWithPath: path).appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: CommandRunner.repository + "/pipelines/assets/products/backpack.png", toPath: target.path)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    // MARK: - Point 2: a plan too large to build

    @Test("a 10-axis × 10-value matrix (10^10 tasks) is refused by validate, fast, naming the stage and the product")
    func hugeMatrixIsRefusedBeforeAllocating() async throws {
        let workspace = try Workspace("matrix")
        let axes = (0..<10).map { "      a\($0): [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]" }.joined(separator: "\n")
        try workspace.write(
            "p.yaml",
            """
            version: 1
            stages:
              clips:
                uses: magic_hour.image_to_video
                matrix:
            \(axes)
                with: { image: https://example.com/a.png, end_seconds: 5 }

            """)
        let result = try await TimedCommand.run(["validate", "p.yaml"], in: workspace.path, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.seconds < 30)
        #expect(
            result.standardError.contains(
                "p.yaml:3:3: error: stage 'clips' would have 10,000,000,000 tasks (a0: 10 × a1: 10 × a2: 10 × a3: 10 × a4: 10 × a5: 10 × … (10 factors)), over settings.max_tasks (5,000,000)"
            ), "\(result.standardError)")
    }

    @Test("settings.max_tasks lowers (and raises) the limit")
    func maxTasksSetsTheLimit() async throws {
        let workspace = try Workspace("max-tasks")
        for (limit, status) in [(11, Int32(2)), (12, Int32(0))] {
            try workspace.write(
                "p.yaml",
                """
                version: 1
                settings: { max_tasks: \(limit) }
                inputs:
                  takes: { values: [a, b, c] }
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: ${{ inputs.takes }}
                    matrix: { resolution: [720p, 1080p], seconds: [5, 10] }
                    with: { image: https://example.com/a.png, end_seconds: "${{ matrix.seconds }}" }

                """)
            let result = try await TimedCommand.run(["validate", "p.yaml"], in: workspace.path)
            #expect(result.status == status, "\(limit): \(result.allOutput)")
            if status != 0 {
                #expect(
                    result.standardError.contains(
                        "p.yaml:6:3: error: stage 'clips' would have 12 tasks (3 items of inputs.takes × resolution: 2 × seconds: 2), over settings.max_tasks (11)"
                    ), "\(result.standardError)")
            }
        }
    }

    // MARK: - Point 3: an env file that is a FIFO

    @Test("settings.env_file naming a FIFO is an error at its position in validate, plan and run, never a hang")
    func fifoEnvFileIsRefusedWithoutBlocking() async throws {
        let workspace = try Workspace("fifo")
        try workspace.image("a.png")
        try workspace.write(
            "p.yaml",
            """
            version: 1
            settings:
              output_dir: out
              env_file: secrets.env
            stages:
              thumbs:
                uses: image.resize
                for_each: ["a.png"]
                with: { image: "${{ item }}", width: 8 }

            """)
        #expect(mkfifo(workspace.path + "/secrets.env", 0o600) == 0)
        for command in ["validate", "plan", "run"] {
            let result = try await TimedCommand.run([command, "p.yaml"], in: workspace.path, timeout: 60)
            #expect(!result.timedOut, "\(command) hung on the FIFO")
            #expect(result.status == 2, "\(command): \(result.allOutput)")
            #expect(
                result.standardError.contains(
                    "p.yaml:4:13: error: env file 'secrets.env' is not a regular file"),
                "\(command): \(result.standardError)")
        }
    }

    @Test("a pipeline file that is a FIFO is refused, not read forever")
    func fifoPipelineFileIsRefused() async throws {
        let workspace = try Workspace("fifo-file")
        #expect(mkfifo(workspace.path + "/p.yaml", 0o600) == 0)
        let result = try await TimedCommand.run(["validate", "p.yaml"], in: workspace.path, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.standardError.contains("'p.yaml' is not a regular file"), "\(result.standardError)")
    }

    // MARK: - Point 4: ** and symbolic link loops

    @Test("** does not follow folder links: two loops (l1 -> ., l2 -> .) finish, each file found once")
    func globStarIgnoresLinkLoops() async throws {
        let workspace = try Workspace("loops")
        try workspace.image("assets/a.png")
        try workspace.image("assets/deep/b.png")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/assets/l1", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/assets/l2", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path + "/assets/deep/up", withDestinationPath: "..")
        try workspace.write(
            "p.yaml",
            """
            version: 1
            settings: { output_dir: out }
            inputs:
              photos: { glob: "assets/**/*.png" }
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 8 }

            """)
        let result = try await TimedCommand.run(["validate", "p.yaml"], in: workspace.path, timeout: 60)
        #expect(!result.timedOut, "the ** walk did not finish")
        #expect(result.status == 0, "\(result.allOutput)")
        #expect(result.standardOutput.contains("p.yaml: valid (2 tasks"), "\(result.standardOutput)")
    }

    // MARK: - Point 5: missing folders and empty globs

    static func globPipeline(_ pattern: String, ifEmpty: String?) -> String {
        """
        version: 1
        settings: { output_dir: out }
        inputs:
          photos:
            glob: "\(pattern)"\(ifEmpty.map { "\n    if_empty: \($0)" } ?? "")
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 8 }

        """
    }

    @Test("a glob whose folder does not exist is an error at the glob in validate and run")
    func missingGlobFolderIsAnError() async throws {
        let workspace = try Workspace("missing")
        try workspace.write("p.yaml", Self.globPipeline("incoming/today/*.png", ifEmpty: "ignore"))
        for command in ["validate", "run"] {
            let result = try await TimedCommand.run([command, "p.yaml"], in: workspace.path)
            #expect(result.status == 2, "\(command): \(result.allOutput)")
            #expect(
                result.standardError.contains(
                    "p.yaml:5:11: error: the folder 'incoming/today' of 'incoming/today/*.png' does not exist"),
                "\(command): \(result.standardError)")
        }
    }

    @Test("if_empty: warn (the default) warns in run too, and the run's summary says so")
    func emptyGlobWarnsInRun() async throws {
        let workspace = try Workspace("warn")
        try FileManager.default.createDirectory(
            atPath: workspace.path + "/incoming", withIntermediateDirectories: true)
        for ifEmpty in [nil, "warn"] {
            try workspace.write("p.yaml", Self.globPipeline("incoming/*.png", ifEmpty: ifEmpty))
            let result = try await TimedCommand.run(["run", "p.yaml", "--no-live"], in: workspace.path)
            #expect(result.status == 0, "\(result.allOutput)")
            #expect(
                result.standardError.contains("p.yaml:5:11: warning: 'incoming/*.png' matches no files"),
                "\(result.standardError)")
            #expect(
                result.standardError.contains("summary: 1 warning: p.yaml:5:11: 'incoming/*.png' matches no files"),
                "\(result.standardError)")
        }
    }

    @Test("if_empty: error refuses validate and run at the glob")
    func emptyGlobErrorRefuses() async throws {
        let workspace = try Workspace("error")
        try FileManager.default.createDirectory(
            atPath: workspace.path + "/incoming", withIntermediateDirectories: true)
        try workspace.write("p.yaml", Self.globPipeline("incoming/*.png", ifEmpty: "error"))
        for command in ["validate", "run"] {
            let result = try await TimedCommand.run([command, "p.yaml"], in: workspace.path)
            #expect(result.status == 2, "\(command): \(result.allOutput)")
            #expect(
                result.standardError.contains("p.yaml:5:11: error: 'incoming/*.png' matches no files"),
                "\(command): \(result.standardError)")
        }
    }

    @Test("if_empty: ignore runs quietly (the nightly 'no new photos today')")
    func emptyGlobIgnoreIsQuiet() async throws {
        let workspace = try Workspace("ignore")
        try FileManager.default.createDirectory(
            atPath: workspace.path + "/incoming", withIntermediateDirectories: true)
        try workspace.write("p.yaml", Self.globPipeline("incoming/*.png", ifEmpty: "ignore"))
        let validate = try await TimedCommand.run(["validate", "p.yaml"], in: workspace.path)
        #expect(validate.status == 0, "\(validate.allOutput)")
        #expect(!validate.allOutput.contains("warning"), "\(validate.allOutput)")
        let run = try await TimedCommand.run(["run", "p.yaml", "--no-live"], in: workspace.path)
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(!run.allOutput.contains("warning"), "\(run.allOutput)")
        try workspace.write("q.yaml", Self.globPipeline("incoming/*.png", ifEmpty: "ignor"))
        let wrong = try await TimedCommand.run(["validate", "q.yaml"], in: workspace.path)
        #expect(wrong.status == 2)
        #expect(
            wrong.standardError.contains("q.yaml:6:15: error: 'if_empty' must be error, warn, ignore, got 'ignor'"),
            "\(wrong.standardError)")
    }

    // MARK: - Point 6: secrets in expressions

    @Test("env.MAGIC_HOUR_API_KEY in image: or prompt: is refused at the expression; the key never appears")
    func apiKeyIsNotReadableByExpressions() async throws {
        let workspace = try Workspace("secret")
        let key = "fake-test-key-not-real-secret"
        for (line, column) in [
            ("with: { image: \"https://x.example/${{ env.MAGIC_HOUR_API_KEY }}.png\", end_seconds: 5 }", 47),
            (
                "with: { image: https://x.example/a.png, end_seconds: 5, prompt: \"${{ env['MAGIC_HOUR_API_KEY'] }}\" }",
                77
            ),
        ] {
            try workspace.write(
                "p.yaml",
                """
                version: 1
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    \(line)

                """)
            for command in ["validate", "plan"] {
                var arguments = [command, "p.yaml"]
                if command == "plan" { arguments += ["--format", "json"] }
                let result = try await TimedCommand.run(
                    arguments, in: workspace.path, environment: TimedCommand.environment(["MAGIC_HOUR_API_KEY": key]))
                #expect(result.status == 2, "\(command): \(result.allOutput)")
                #expect(!result.allOutput.contains(key), "\(command) printed the key")
                #expect(
                    result.standardError.contains("p.yaml:5:\(column): error: env.MAGIC_HOUR_API_KEY is a secret"),
                    "\(command): \(result.standardError)")
            }
        }
    }

    @Test("settings.secrets marks more variables secret; a computed env name is refused")
    func settingsSecretsAreNotReadable() async throws {
        let workspace = try Workspace("secrets")
        let value = "db-password-4711"
        for (prompt, message) in [
            ("${{ env.DB_PASSWORD }}", "env.DB_PASSWORD is a secret (settings.secrets lists it)"),
            ("${{ env[matrix.name] }}", "env is read by a name written in the file, not a computed one"),
            ("${{ length(env) }}", "env is read one variable at a time, by name"),
        ] {
            try workspace.write(
                "p.yaml",
                """
                version: 1
                settings:
                  secrets: [DB_PASSWORD]
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    matrix: { name: [DB_PASSWORD] }
                    with: { image: https://x.example/a.png, end_seconds: 5, prompt: "\(prompt)" }

                """)
            let result = try await TimedCommand.run(
                ["plan", "p.yaml", "--format", "json"], in: workspace.path,
                environment: TimedCommand.environment(["DB_PASSWORD": value, "MAGIC_HOUR_API_KEY": "k"]))
            #expect(result.status == 2, "\(prompt): \(result.allOutput)")
            #expect(!result.allOutput.contains(value), "\(prompt): the secret was printed")
            #expect(result.standardError.contains("p.yaml:8:"), "\(result.standardError)")
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
    }
}
