import Foundation
import Testing

extension EngineAcceptanceTests {
    /// What a run does with each task after earlier runs: missing outputs, failed projects,
    /// forced stages, failures and their dependants.
    @Suite(.timeLimit(.minutes(3)))
    struct DispositionTests {
        @Test("a deleted output is 'to run: output missing' and is downloaded again from the existing project")
        func missingOutputIsDownloadedAgain() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("missing")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]
            let first = try await workspace.pipeline(arguments, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            let before = try await fake.stats()
            #expect(before.creates == 3)

            let downloads = workspace.listing("out/.work/files").map { String($0.split(separator: " ")[0]) }
            let downloaded = try #require(
                downloads.first { $0.contains("-two") || $0.contains("two") } ?? downloads.first)
            try FileManager.default.removeItem(atPath: workspace.path("out/.work/files/" + downloaded))
            try FileManager.default.removeItem(atPath: workspace.path("out/backpack-one.mp4"))
            let plan = try await workspace.pipeline(["plan", "launch.yaml"], token: nil)
            let missing = plan.standardOutput.split(separator: "\n").filter { $0.contains("[to run: output missing]") }
            #expect(missing.count == 2, "\(plan.transcript)")
            #expect(missing.contains { $0.contains("final[assets/backpack.png]{take=one}") })
            #expect(missing.contains { $0.contains("files[assets/backpack.png]") })
            #expect(plan.standardOutput.contains("0 credits still to spend"))
            // The summary counts the same statuses without listing a task.
            let summary = try await workspace.pipeline(["plan", "launch.yaml", "--summary"], token: nil)
            let breakdown = { (text: String) in text.split(separator: "\n").filter { $0.contains("still to spend") } }
            #expect(breakdown(summary.standardOutput) == breakdown(plan.standardOutput), "\(summary.transcript)")
            #expect(breakdown(summary.standardOutput).first?.contains("2 to run") == true, "\(summary.transcript)")
            #expect(!summary.standardOutput.contains("[to run: output missing]"))

            let second = try await workspace.pipeline(arguments, token: fake.token)
            #expect(second.status == 0, "\(second.transcript)")
            let after = try await fake.stats()
            #expect(after.creates == before.creates)
            #expect(
                after.requestsPerRoute["POST /v1/files/upload-urls"]
                    == before.requestsPerRoute["POST /v1/files/upload-urls"])
            #expect(after.downloadsCompleted == before.downloadsCompleted + 1)
            #expect(workspace.exists("out/.work/files/" + downloaded))
            #expect(workspace.exists("out/backpack-one.mp4"))
            #expect(workspace.contents("out/backpack-one.mp4") == workspace.contents("out/backpack-two.mp4"))
        }

        @Test("a project that ends in error is refunded and resubmitted; the next run pays only for it")
        func failedProjectIsResubmitted() async throws {
            let workspace = try PipelineWorkspace("errored")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write("launch.yaml", AcceptancePipelines.launch(clipRetry: 2))

            // Every project on this fake ends in error: each task tries twice, all refunded.
            let failing = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--project-errors", "1"])
            defer { failing.stop() }
            let failed = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", failing.baseURL], token: failing.token)
            #expect(failed.status == 1, "\(failed.transcript)")
            #expect(failed.allOutput.contains("credits refunded"))
            #expect(
                failed.standardOutput.contains(
                    "skip   files[assets/backpack.png]{take=one}: depends on failed clips[assets/backpack.png]{take=one}"
                ))
            let failingStats = try await failing.stats()
            #expect(failingStats.creates == 6)
            #expect(failingStats.projectsPerName.values.allSatisfy { $0 == 2 })
            #expect(failingStats.creditsRefunded == failingStats.creditsCharged)
            #expect(failingStats.balance == 100_000_000)

            let plan = try await workspace.pipeline(["plan", "launch.yaml"], token: nil)
            #expect(
                plan.standardOutput.split(separator: "\n").filter {
                    $0.contains("clips[") && $0.contains("[to run: previous attempt failed]")
                }.count == 3,
                "\(plan.transcript)")
            #expect(plan.standardOutput.contains("360 credits still to spend"))

            let healthy = try await FakeAPIProcess(renderTime: 0.2)
            defer { healthy.stop() }
            let retried = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", healthy.baseURL], token: healthy.token)
            #expect(retried.status == 0, "\(retried.transcript)")
            let healthyStats = try await healthy.stats()
            #expect(healthyStats.creates == 3)
            #expect(healthyStats.projectsPerName.values.allSatisfy { $0 == 1 })
            #expect(workspace.exists("out/backpack-three.mp4"))
        }

        @Test("plan tells a changed input apart from changed parameters")
        func changeReasons() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("reasons")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.addImage("products/watch.jpg")
            try workspace.write("launch.yaml", AcceptancePipelines.launch(takes: ["one"]))
            let first = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")

            // New content for one photo, and a new prompt for every clip.
            let backpack = try #require(workspace.contents("assets/backpack.png"))
            try workspace.write("assets/watch.jpg", "")
            try backpack.write(to: URL(fileURLWithPath: workspace.path("assets/watch.jpg")))
            let edited = AcceptancePipelines.launch(takes: ["one"]).replacingOccurrences(
                of: "take ${{", with: "shot ${{")
            try workspace.write("launch.yaml", edited)
            let plan = try await CommandRunner.run(["plan", "launch.yaml"], in: workspace.directory)
            #expect(plan.status == 0, "\(plan.standardError)")
            func status(of task: String) -> String? {
                for line in plan.standardOutput.split(separator: "\n") {
                    guard let start = line.range(of: "  " + task + "  [") else { continue }
                    return line[start.upperBound...].split(separator: "]").first.map(String.init)
                }
                return nil
            }
            #expect(status(of: "thumbs[assets/backpack.png]") == "cached")
            #expect(status(of: "thumbs[assets/watch.jpg]") == "to run: input changed")
            #expect(status(of: "clips[assets/backpack.png]{take=one}") == "to run: parameters changed")
            #expect(status(of: "clips[assets/watch.jpg]{take=one}") == "to run: inputs and parameters changed")
            #expect(status(of: "files[assets/backpack.png]{take=one}") == "to run: input changed")
            #expect(status(of: "final[assets/backpack.png]{take=one}") == "to run: input changed")
        }

        @Test("--force-stage pays again for that stage only")
        func forceStagePaysOnlyForThatStage() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("force")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.addImage("products/watch.jpg")
            // Default on_exists (error): a forced rename replaces its own earlier output.
            try workspace.write("launch.yaml", AcceptancePipelines.launch(takes: ["one", "two"]))
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]
            let first = try await workspace.pipeline(arguments, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(try await fake.stats().creates == 4)
            let thumbs = workspace.listing("out/.work/thumbs")
            #expect(thumbs.count == 2)

            let forced = try await workspace.pipeline(arguments + ["--force-stage", "clips"], token: fake.token)
            #expect(forced.status == 0, "\(forced.transcript)")
            #expect(forced.runStartCounts?.cached == 2, "\(forced.transcript)")
            #expect(forced.runStartCounts?.toRun == 12)
            #expect(forced.standardOutput.contains("480 credits spent"))
            let stats = try await fake.stats()
            #expect(stats.creates == 8)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 2 })
            // The resize stage did no work.
            #expect(workspace.listing("out/.work/thumbs") == thumbs)
            #expect(workspace.exists("out/watch-two.mp4"))

            // A file the pipeline did not write is still protected by on_exists: error.
            try FileManager.default.removeItem(atPath: workspace.path("out/watch-one.mp4"))
            try workspace.write("out/watch-one.mp4", "someone else's file\n")
            let protected = try await workspace.pipeline(arguments + ["--force-stage", "final"], token: fake.token)
            #expect(protected.status == 1, "\(protected.transcript)")
            #expect(
                protected.standardOutput.contains(
                    "FAILED final[assets/watch.jpg]{take=one}: out/watch-one.mp4 already exists"))
            #expect(protected.standardOutput.contains("3 done"), "\(protected.transcript)")
            #expect(workspace.contents("out/watch-one.mp4") == Data("someone else's file\n".utf8))
            #expect(try await fake.stats().creates == 8)
            try FileManager.default.removeItem(atPath: workspace.path("out/watch-one.mp4"))

            // Afterwards only the rename that met the foreign file runs; nothing is paid.
            let again = try await workspace.pipeline(arguments, token: fake.token)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(again.runStartCounts?.cached == 13, "\(again.transcript)")
            #expect(again.runStartCounts?.toRun == 1)
            #expect(try await fake.stats().creates == 8)
        }

        @Test("a failed task fails its dependants while independent branches finish; --fail-fast starts nothing more")
        func failureSkipsDependantsOnly() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("failure")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "good.png")
            try workspace.write("assets/bad.png", "this is not an image\n")
            try workspace.write("launch.yaml", AcceptancePipelines.launch())
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]

            let failFast = try await workspace.pipeline(
                arguments + ["--fail-fast", "--max-parallel", "1"], token: fake.token)
            #expect(failFast.status == 1, "\(failFast.transcript)")
            #expect(failFast.standardOutput.contains("FAILED thumbs[assets/bad.png]"))
            #expect(failFast.standardOutput.contains("not started: the run stopped after a failure"))
            #expect(
                failFast.standardOutput.contains("0 done, 0 cached, 1 failed, 19 skipped"), "\(failFast.transcript)")
            #expect(try await fake.stats().creates == 0)

            let result = try await workspace.pipeline(arguments, token: fake.token)
            #expect(result.status == 1, "\(result.transcript)")
            #expect(result.standardOutput.contains("FAILED thumbs[assets/bad.png]"))
            for take in ["one", "two", "three"] {
                #expect(
                    result.standardOutput.contains(
                        "skip   clips[assets/bad.png]{take=\(take)}: depends on failed thumbs[assets/bad.png]"))
                #expect(result.standardOutput.contains("skip   final[assets/bad.png]{take=\(take)}: depends on failed"))
                #expect(workspace.exists("out/good-\(take).mp4"))
            }
            #expect(result.standardOutput.contains("10 done, 0 cached, 1 failed, 9 skipped"), "\(result.transcript)")
            #expect(result.standardError.contains("failed: thumbs[assets/bad.png]"))
            let stats = try await fake.stats()
            #expect(stats.creates == 3)
            #expect(stats.projectsPerName.keys.allSatisfy { $0.contains("good.png") })
        }
    }
}
