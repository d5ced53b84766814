import Foundation
import Testing

extension EngineAcceptanceTests {
    /// `pipeline run` and `pipeline plan` end to end: no-op re-runs, the budget, read-only plans, the API key.
    @Suite(.timeLimit(.minutes(3)))
    struct RunCommandTests {
        @Test("a completed pipeline re-run creates no project and does no local work")
        func rerunOfCompletedPipelineDoesNothing() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("rerun")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.addImage("products/watch.jpg")
            try workspace.addImage("gallery/dawn.jpg")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]

            let first = try await workspace.pipeline(arguments, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(
                first.standardOutput.contains(
                    "30 tasks (0 cached, 0 resumable, 0 uncertain, 30 to run), 1080 credits to spend"))
            let afterFirst = try await fake.stats()
            #expect(afterFirst.creates == 9)
            #expect(afterFirst.projectsPerName.values.allSatisfy { $0 == 1 })
            let outputs = workspace.listing("out")
            #expect(outputs.filter { !$0.hasPrefix(".work") && $0.contains(".mp4") }.count == 9)
            #expect(outputs.filter { $0.hasPrefix(".work/thumbs/") }.count == 3)
            let renamed = workspace.fingerprint("out/backpack-two.mp4")
            #expect(renamed != nil)

            let second = try await workspace.pipeline(arguments, token: fake.token)
            #expect(second.status == 0, "\(second.transcript)")
            #expect(
                second.standardOutput.contains(
                    "30 tasks (30 cached, 0 resumable, 0 uncertain, 0 to run), 0 credits to spend"))
            #expect(second.standardOutput.contains("0 done, 30 cached, 0 failed"))
            #expect(!second.standardOutput.contains("start "))
            let afterSecond = try await fake.stats()
            #expect(afterSecond.creates == afterFirst.creates)
            #expect(
                afterSecond.requestsPerRoute
                    == afterFirst.requestsPerRoute.merging([
                        "GET /_fake/stats": afterFirst.requestsPerRoute["GET /_fake/stats", default: 0] + 1
                    ]) { $1 })
            // Resized images, downloads and renamed files were not touched (same size and mtime).
            #expect(workspace.listing("out") == outputs)
            #expect(workspace.fingerprint("out/backpack-two.mp4") == renamed)

            let plan = try await workspace.pipeline(["plan", "launch.yaml"], token: nil)
            #expect(plan.status == 0)
            #expect(plan.standardOutput.contains("30 cached; 0 credits still to spend"), "\(plan.transcript)")
        }

        @Test("a budget below the credits still to spend refuses to start and says by how much")
        func budgetRefusesAndCountsOnlyWhatIsLeft() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("budget")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]

            // Three 480p clips cost 360 credits: 60 more than the budget.
            try workspace.write("launch.yaml", AcceptancePipelines.launch(settings: ["budget_credits: 300"]))
            let refused = try await workspace.pipeline(arguments, token: fake.token)
            #expect(refused.status == 5, "\(refused.transcript)")
            #expect(
                refused.standardError.contains("would spend 360 credits, 60 more than settings.budget_credits (300)"))
            var stats = try await fake.stats()
            #expect(stats.creates == 0)
            #expect(stats.requestsPerRoute["POST /v1/image-to-video", default: 0] == 0)
            #expect(stats.requestsPerRoute["POST /v1/files/upload-urls", default: 0] == 0)
            #expect(!workspace.exists("out/backpack-one.mp4"))

            // Two takes (240 credits) fit; run them.
            try workspace.write(
                "launch.yaml", AcceptancePipelines.launch(takes: ["one", "two"], settings: ["budget_credits: 300"]))
            let partial = try await workspace.pipeline(arguments, token: fake.token)
            #expect(partial.status == 0, "\(partial.transcript)")
            stats = try await fake.stats()
            #expect(stats.creates == 2)

            // Back to three takes: only the third (120 credits) is still to spend.
            try workspace.write("launch.yaml", AcceptancePipelines.launch(settings: ["budget_credits: 100"]))
            let plan = try await workspace.pipeline(["plan", "launch.yaml"], token: nil)
            #expect(plan.standardOutput.contains("120 credits still to spend"), "\(plan.transcript)")
            let stillRefused = try await workspace.pipeline(arguments, token: fake.token)
            #expect(stillRefused.status == 5, "\(stillRefused.transcript)")
            #expect(
                stillRefused.standardError.contains(
                    "would spend 120 credits, 20 more than settings.budget_credits (100)"))
            #expect(try await fake.stats().creates == 2)

            try workspace.write("launch.yaml", AcceptancePipelines.launch(settings: ["budget_credits: 300"]))
            let rest = try await workspace.pipeline(arguments, token: fake.token)
            #expect(rest.status == 0, "\(rest.transcript)")
            #expect(rest.standardOutput.contains("120 credits to spend"))
            stats = try await fake.stats()
            #expect(stats.creates == 3)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
        }

        @Test("plan and run --dry-run never write to the state store or the output folder")
        func planAndDryRunWriteNothing() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("readonly")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let readOnlyCommands: [[String]] = [
                ["plan", "launch.yaml"], ["plan", "launch.yaml", "--format", "json"],
                ["plan", "launch.yaml", "--summary"],
                ["run", "launch.yaml", "--dry-run", "--api-base-url", fake.baseURL],
                ["run", "launch.yaml", "--dry-run", "--force", "--api-base-url", fake.baseURL],
            ]

            // A fresh folder: no state file, no output folder appear.
            for command in readOnlyCommands {
                let result = try await workspace.pipeline(command, token: fake.token)
                #expect(result.status == 0, "\(command): \(result.transcript)")
                #expect(!workspace.exists(".pipeline"), "\(command) created the state folder")
                #expect(!workspace.exists("out"), "\(command) created the output folder")
            }
            let dryRun = try await workspace.pipeline(readOnlyCommands[3], token: fake.token)
            #expect(dryRun.standardOutput.contains("to run: new task"))

            // After a run, with one output deleted so that there is something to do.
            let run = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")
            try FileManager.default.removeItem(atPath: workspace.path("out/backpack-one.mp4"))
            let state = [".pipeline/state.db", ".pipeline/state.db-wal"]
            let stateBefore = state.map { (workspace.fingerprint($0), workspace.contents($0)) }
            let outputBefore = workspace.listing("out")
            let pipelineFolderBefore = workspace.listing(".pipeline").filter { !$0.hasPrefix("state.db-shm") }
            for command in readOnlyCommands {
                let result = try await workspace.pipeline(command, token: fake.token)
                #expect(result.status == 0, "\(command): \(result.transcript)")
                for (index, file) in state.enumerated() {
                    #expect(workspace.fingerprint(file) == stateBefore[index].0, "\(command) touched \(file)")
                    #expect(workspace.contents(file) == stateBefore[index].1, "\(command) changed \(file)")
                }
                #expect(workspace.listing("out") == outputBefore, "\(command) changed the output folder")
                #expect(
                    workspace.listing(".pipeline").filter { !$0.hasPrefix("state.db-shm") } == pipelineFolderBefore,
                    "\(command) changed the state folder")
            }
            let plan = try await workspace.pipeline(["plan", "launch.yaml"], token: nil)
            #expect(
                plan.standardOutput.contains("final[assets/backpack.png]{take=one}  [to run: output missing]"),
                "\(plan.transcript)")
            #expect(try await fake.stats().creates == 3)
        }

        @Test("a missing API key is a clear usage error")
        func missingAPIKey() async throws {
            let workspace = try PipelineWorkspace("nokey")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let result = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", "http://127.0.0.1:9"], token: nil)
            #expect(result.status == 2, "\(result.transcript)")
            #expect(result.standardError.contains("MAGIC_HOUR_API_KEY is not set"))
            #expect(result.standardError.contains("--simulate"))
            #expect(!workspace.exists("out"))
        }

        @Test("a wrong API key fails clearly, and the key appears nowhere")
        func wrongAPIKeyNeverLeaks() async throws {
            let fake = try await FakeAPIProcess(token: "mhk_test_the_right_one", renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("badkey")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let secret = "fake-test-key-wrong-not-real"
            let result = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: secret)
            #expect(result.status == 1, "\(result.transcript)")
            #expect(result.allOutput.contains("rejected the API key"))
            #expect(result.allOutput.contains("MAGIC_HOUR_API_KEY"))
            #expect(!result.allOutput.contains(secret))
            #expect(!result.allOutput.contains("S3CRET"))
            #expect(try await fake.stats().creates == 0)
            // Nor in the state store.
            for file in [".pipeline/state.db", ".pipeline/state.db-wal"] {
                if let data = workspace.contents(file) {
                    #expect(data.range(of: Data(secret.utf8)) == nil, "\(file) holds the key")
                }
            }
        }
    }
}
