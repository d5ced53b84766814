import Foundation
import Testing

/// `validate`, `plan`, `graph` and `schema` through the real executable.
@Suite struct LanguageCommandTests {
    static let fixtures = CommandRunner.repository + "/Tests/PipelineLanguageTests/Fixtures/invalid"

    @Test("a wrong command line exits 2 with the usage, as the README documents")
    func usageErrorsExitTwo() async throws {
        for arguments in [
            ["no-such-command"], ["run"], ["run", "x.yaml", "--max-parallel", "0"],
            ["graph", "x.yaml", "--format", "png"],
        ] {
            let result = try await CommandRunner.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(
                result.standardError.hasPrefix("Error: ") && result.standardError.contains("Usage: pipeline"),
                "\(result.standardError)")
        }
        #expect(try await CommandRunner.run(["--help"]).status == 0)
        #expect(try await CommandRunner.run(["--version"]).standardOutput == "0.1.0\n")
    }

    @Test("an env value that makes a bad output path is described, never quoted (it may be a secret)")
    func envValuesInPathErrorsAreNotQuoted() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "env-path-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(
            atPath: CommandRunner.repository + "/pipelines/assets/products/backpack.png", toPath: folder + "/a.png")
        try """
        version: 1
        name: leak
        settings:
          output_dir: out
        stages:
          thumbs:
            uses: image.resize
            for_each: ["a.png"]
            with: { image: "${{ item }}", width: 10, height: 10 }
          named:
            uses: rename
            for_each: ${{ stages.thumbs }}
            with: { to: "${{ env.SECRET_TOKEN }}.png" }

        """.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        let cases = [
            ("hunter2/abc", "an env value put into the path contains a path separator"),
            ("hunter2:abc", "a name in the path contains ':'"),
            ("/hunter2", "an env value put into the path contains a path separator"),
        ]
        for (secret, message) in cases {
            let result = try await CommandRunner.run(
                ["validate", "p.yaml"], in: folder, environment: ["SECRET_TOKEN": secret, "PATH": "/usr/bin:/bin"])
            #expect(result.status == 2)
            #expect(
                result.standardError.contains("p.yaml:13:18: error: named[a.png]: \(message)"),
                "\(result.standardError)")
            #expect(!(result.standardOutput + result.standardError).contains("hunter2"), "\(result.standardError)")
        }
    }

    @Test func validateAcceptsEveryExample() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CommandRunner.repository + "/pipelines")
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "pipelines/" + $0 }
        let result = try await CommandRunner.run(["validate"] + files)
        #expect(result.status == 0, "\(result.standardError)")
        for file in files { #expect(result.standardOutput.contains("\(file): valid")) }
    }

    @Test func validatePrintsPositionLineCaretAndHintAndExitsTwo() async throws {
        let file = Self.fixtures + "/01-unknown-top-key.yaml"
        let result = try await CommandRunner.run(["validate", file])
        #expect(result.status == 2)
        let expected = """
            \(file):3:1: error: unknown key 'stagse' in the pipeline
             3 | stagse:
               | ^
              hint: did you mean 'stages'?
            """
        #expect(result.standardError.contains(expected), "\(result.standardError)")
    }

    @Test func validateJSONListsEveryProblem() async throws {
        let result = try await CommandRunner.run([
            "validate", "--format", "json", Self.fixtures + "/09-unknown-parameter.yaml",
            Self.fixtures + "/40-cron-out-of-range.yaml",
        ])
        #expect(result.status == 2)
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array.map { $0["code"] as? String } == ["unknown-parameter", "invalid-cron"])
        #expect(array[0]["line"] as? Int == 8)
        #expect(array[0]["column"] as? Int == 7)
        #expect(array[0]["hint"] as? String == "did you mean 'width'?")
    }

    @Test func validateMissingFileIsAnError() async throws {
        let result = try await CommandRunner.run(["validate", "no/such/file.yaml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("no/such/file.yaml:1:1: error: 'no/such/file.yaml': no such file"))
    }

    @Test func planPrintsStagesCreditsAndEdges() async throws {
        let result = try await CommandRunner.run(["plan", "pipelines/product-launch.yaml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("clips   magic_hour.image_to_video      9     2160"))
        #expect(result.standardOutput.contains("30 tasks, 27 edges, 2160 credits estimated"))
        #expect(result.standardOutput.contains("budget: 5000 credits (within)"))
        #expect(result.standardOutput.contains("→ out/product-launch/watch-1080p.mp4"))
    }

    @Test func planJSONHasEveryTaskWithItsKey() async throws {
        let result = try await CommandRunner.run(["plan", "--format", "json", "pipelines/product-launch.yaml"])
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["total_credits"] as? Int == 2160)
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 30)
        #expect(tasks.allSatisfy { ($0["cache_key"] as? String)?.count == 64 })
    }

    @Test func planOfABrokenFileExitsTwo() async throws {
        let result = try await CommandRunner.run(["plan", Self.fixtures + "/20-cycle-needs.yaml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("stages form a cycle: a → b → a"))
    }

    @Test func graphDrawsStagesAndTasks() async throws {
        let dot = try await CommandRunner.run(["graph", "pipelines/product-launch.yaml"])
        #expect(dot.status == 0)
        #expect(dot.standardOutput.hasPrefix("digraph \"product-launch\" {"))
        #expect(dot.standardOutput.contains("\"clips\" -> \"files\" [label=\"for_each\"];"))
        let mermaid = try await CommandRunner.run([
            "graph", "--format", "mermaid", "--tasks", "pipelines/product-launch.yaml",
        ])
        #expect(mermaid.status == 0)
        #expect(mermaid.standardOutput.hasPrefix("flowchart LR"))
        #expect(mermaid.standardOutput.components(separatedBy: " --> ").count - 1 == 27)
    }

    @Test func everyCommandHasHelp() async throws {
        for command in ["validate", "plan", "graph", "schema"] {
            let result = try await CommandRunner.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("USAGE: pipeline \(command)"))
        }
        let completion = try await CommandRunner.run(["--generate-completion-script", "bash"])
        #expect(completion.standardOutput.contains("_pipeline"))
    }
}
