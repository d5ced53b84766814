import Foundation
import Testing

extension EngineAcceptanceTests {
    /// `pipeline runs`, `status` and `cache ls|forget|gc` against the state store real runs wrote.
    @Suite(.timeLimit(.minutes(3)))
    struct HistoryCommandTests {
        typealias Display = RunDisplayTests

        static func json(_ text: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(text.utf8))
        }

        @Test("runs lists runs newest first; status shows one run by stage with its errors, in text and JSON")
        func runsAndStatus() async throws {
            let workspace = try Display.localWorkspace("history")
            defer { workspace.remove() }
            let first = try await workspace.pipeline(["run", "local.yaml", "--max-parallel", "1"], token: nil)
            #expect(first.status == 1)
            // The broken file is fixed: the second run redoes only that task and its dependant.
            try FileManager.default.removeItem(atPath: workspace.path("assets/c.png"))
            try workspace.addImage("gallery/dawn.jpg", as: "c.png")
            let second = try await workspace.pipeline(["run", "local.yaml"], token: nil)
            #expect(second.status == 0, "\(second.transcript)")

            let runs = try await workspace.pipeline(["runs", "local.yaml"], token: nil)
            #expect(runs.status == 0, "\(runs.transcript)")
            let rows = runs.standardOutput.split(separator: "\n").map(String.init)
            #expect(rows.count == 3, "\(runs.standardOutput)")
            #expect(rows[0].hasPrefix("RUN "))
            #expect(rows[0].contains("STARTED") && rows[0].contains("DURATION") && rows[0].contains("CREDITS"))
            // Newest first: the success, then the failure (6 tasks: 2 done + 4 cached, then 4 done 1 failed 1 skipped);
            // no paid jobs, so no estimated or charged credits.
            #expect(rows[0].hasSuffix("CREDITS  ESTIMATED  CHARGED"), "\(rows[0])")
            #expect(
                rows[1].range(of: #"succeeded\s+6\s+2\s+4\s+0\s+0\s+0\s+-\s+-$"#, options: .regularExpression) != nil,
                "\(rows[1])")
            #expect(
                rows[2].range(of: #"failed\s+6\s+4\s+0\s+1\s+1\s+0\s+-\s+-$"#, options: .regularExpression) != nil,
                "\(rows[2])")

            let listed = try #require(
                try Self.json(
                    try await workspace.pipeline(["runs", "local.yaml", "--format", "json"], token: nil).standardOutput)
                    as? [[String: Any]])
            #expect(listed.map { $0["outcome"] as? String } == ["succeeded", "failed"])
            #expect(
                listed[1]["failed"] as? Int == 1 && listed[1]["succeeded"] as? Int == 4
                    && listed[1]["tasks"] as? Int == 6)
            #expect(
                (listed[0]["file"] as? String) == workspace.path("local.yaml"), "runs record the absolute pipeline file"
            )
            let failedID = try #require(listed[1]["id"] as? String)

            // The newest run by default; an older one by a unique prefix of its id.
            let latest = try await workspace.pipeline(["status", "--file", "local.yaml"], token: nil)
            #expect(latest.status == 0, "\(latest.transcript)")
            #expect(latest.standardOutput.contains(": succeeded, 0 credits spent"))
            #expect(
                latest.standardOutput.range(
                    of: #"\nthumbs\s+3\s+1\s+2\s+0\s+0\s+0\s+0\s+0\n"#, options: .regularExpression) != nil,
                "\(latest.standardOutput)")
            let older = try await workspace.pipeline(
                ["status", String(failedID.dropLast(3)), "--file", "local.yaml"], token: nil)
            #expect(older.status == 0, "\(older.transcript)")
            #expect(older.standardOutput.contains("run \(failedID) of local"))
            #expect(
                older.standardOutput.contains(
                    "failed    thumbs[assets/c.png]: assets/c.png cannot be read as an image"),
                "\(older.standardOutput)")
            #expect(
                older.standardOutput.contains("skipped   named[assets/c.png]: depends on failed thumbs[assets/c.png]"))
            #expect(!older.standardOutput.contains("succeeded thumbs[assets/a.png]"), "only problems without --all")
            let all = try await workspace.pipeline(["status", failedID, "--file", "local.yaml", "--all"], token: nil)
            #expect(all.standardOutput.contains("succeeded thumbs[assets/a.png]"))

            // JSON: every task with its times and phases (the resize phase of the timeline).
            let status = try #require(
                try Self.json(
                    try await workspace.pipeline(
                        ["status", failedID, "--file", "local.yaml", "--format", "json"], token: nil
                    ).standardOutput)
                    as? [String: Any])
            let tasks = try #require(status["tasks"] as? [[String: Any]])
            #expect(tasks.count == 6)
            let resized = try #require(tasks.first { $0["id"] as? String == "thumbs[assets/a.png]" })
            #expect(resized["status"] as? String == "succeeded")
            #expect((resized["phases"] as? [[String: Any]])?.map { $0["phase"] as? String } == ["resizing"])
            let queued = try #require(resized["queued_at"] as? String)
            let started = try #require(resized["started_at"] as? String)
            let finished = try #require(resized["finished_at"] as? String)
            #expect(queued <= started && started <= finished)
            #expect((status["stages"] as? [[String: Any]])?.map { $0["name"] as? String } == ["thumbs", "named"])

            // Errors that help: an unknown or ambiguous run, and no store at all.
            let unknown = try await workspace.pipeline(["status", "nope", "--file", "local.yaml"], token: nil)
            #expect(unknown.status == 2 && unknown.standardError.contains("no run 'nope'"))
            let ambiguous = try await workspace.pipeline(["status", "2", "--file", "local.yaml"], token: nil)
            #expect(
                ambiguous.status == 2 && ambiguous.standardError.contains("matches 2 runs"), "\(ambiguous.transcript)")
            let empty = try PipelineWorkspace("history-empty")
            defer { empty.remove() }
            let none = try await empty.pipeline(["runs"], token: nil)
            #expect(none.status == 2)
            #expect(
                none.standardError.contains("no state store at \(empty.path(".pipeline/state.db"))"),
                "\(none.transcript)")
            // Without a file, the store in ./.pipeline lists every pipeline's runs.
            let bare = try await workspace.pipeline(["runs"], token: nil)
            #expect(
                bare.status == 0 && bare.standardOutput.contains("PIPELINE") && bare.standardOutput.contains(" local "))
        }

        @Test("history commands read the pipeline's env file as a run does (env.* in the file)")
        func historyReadsTheEnvFile() async throws {
            let workspace = try Display.localWorkspace("history-env")
            defer { workspace.remove() }
            try FileManager.default.removeItem(atPath: workspace.path("assets/c.png"))
            try workspace.write(
                "local.yaml",
                Display.localPipeline.replacingOccurrences(
                    of: "output_dir: out", with: "output_dir: out\n  env_file: .env"
                )
                .replacingOccurrences(of: #"thumb-${{ item.stem }}.png"#, with: #"${{ env.TAG }}-${{ item.stem }}.png"#)
            )
            try workspace.write(".env", "TAG=nightly\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.path(".env"))
            let run = try await workspace.pipeline(["run", "local.yaml"], token: nil)
            #expect(run.status == 0, "\(run.transcript)")
            #expect(workspace.exists("out/nightly-a.png"))
            for arguments in [
                ["runs", "local.yaml"], ["status", "--file", "local.yaml"], ["cache", "ls", "local.yaml"],
            ] {
                let result = try await workspace.pipeline(arguments, token: nil)
                #expect(result.status == 0, "\(arguments): \(result.transcript)")
            }
        }

        @Test(
            "cache ls lists entries; forget makes tasks run again; gc deletes only unreferenced work and partial files")
        func cacheListForgetAndGC() async throws {
            let workspace = try Display.localWorkspace("cache")
            defer { workspace.remove() }
            try FileManager.default.removeItem(atPath: workspace.path("assets/c.png"))
            let run = try await workspace.pipeline(["run", "local.yaml"], token: nil)
            #expect(run.status == 0, "\(run.transcript)")

            let listing = try await workspace.pipeline(["cache", "ls", "local.yaml"], token: nil)
            #expect(listing.status == 0, "\(listing.transcript)")
            #expect(listing.standardOutput.hasPrefix("STAGE   KEY           TASK"), "\(listing.standardOutput)")
            #expect(
                listing.standardOutput.contains("out/thumb-a.png")
                    && listing.standardOutput.contains("out/.work/thumbs/"))
            #expect(listing.standardOutput.hasSuffix("4 entries\n"))
            let entries = try #require(
                try Self.json(
                    try await workspace.pipeline(
                        ["cache", "ls", "local.yaml", "--format", "json", "--stage", "thumbs"], token: nil
                    ).standardOutput)
                    as? [[String: Any]])
            #expect(entries.count == 2)
            let key = try #require(entries.first?["key"] as? String)
            let thumbFile = try #require((entries.first?["files"] as? [[String: Any]])?.first?["path"] as? String)
            #expect(thumbFile.hasPrefix("out/.work/thumbs/") && workspace.exists(thumbFile))

            // Forget one stage: its tasks run again, the other stage stays cached.
            let forget = try await workspace.pipeline(
                ["cache", "forget", "local.yaml", "--stage", "named"], token: nil)
            #expect(forget.standardOutput.hasPrefix("forgot 2 cache entries"), "\(forget.transcript)")
            let rerun = try await workspace.pipeline(["run", "local.yaml"], token: nil)
            #expect(
                rerun.standardOutput.contains("4 tasks (2 cached, 0 resumable, 0 uncertain, 2 to run)"),
                "\(rerun.transcript)")
            // One entry by a prefix of its key.
            let byKey = try await workspace.pipeline(
                ["cache", "forget", "local.yaml", "--key", String(key.prefix(10))], token: nil)
            #expect(byKey.standardOutput.hasPrefix("forgot 1 cache entry"), "\(byKey.transcript)")
            let nothing = try await workspace.pipeline(["cache", "forget", "local.yaml"], token: nil)
            #expect(nothing.status == 2 && nothing.standardError.contains("--stage NAME, --key KEY or --all"))

            // gc: a stray work file and a partial file go; referenced work files and outputs stay.
            try workspace.write("out/.work/thumbs/stray.png", "left over")
            try workspace.write("out/.thumb-a.png.1234.part", "half a file")
            let outputsBefore = workspace.fingerprint("out/thumb-a.png")
            let dry = try await workspace.pipeline(["cache", "gc", "local.yaml", "--dry-run"], token: nil)
            #expect(dry.status == 0, "\(dry.transcript)")
            // The entry forgotten by key left its thumbnail unreferenced: it goes too.
            #expect(dry.standardOutput.contains("would delete out/.work/thumbs/stray.png"))
            #expect(dry.standardOutput.contains("would delete out/.thumb-a.png.1234.part"))
            #expect(dry.standardOutput.contains("would delete \(thumbFile)"))
            #expect(
                dry.standardOutput.range(
                    of: #"would delete 3 files \(\d+(\.\d)? [KMG]?B\)\n$"#, options: .regularExpression) != nil,
                "\(dry.standardOutput)")
            #expect(workspace.exists("out/.work/thumbs/stray.png"), "--dry-run deletes nothing")
            let gc = try await workspace.pipeline(["cache", "gc", "local.yaml"], token: nil)
            #expect(
                gc.standardOutput.range(of: #"\ndeleted 3 files \("#, options: .regularExpression) != nil,
                "\(gc.transcript)")
            #expect(
                !workspace.exists("out/.work/thumbs/stray.png") && !workspace.exists("out/.thumb-a.png.1234.part")
                    && !workspace.exists(thumbFile))
            #expect(workspace.listing("out/.work/thumbs").count == 1, "the other thumbnail is still referenced")
            #expect(workspace.fingerprint("out/thumb-a.png") == outputsBefore, "final outputs are never touched")
        }

        @Test("forgetting a paid stage does not pay again: the recorded project is resumed and downloaded")
        func forgettingPaidWorkResumesIt() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("forget-paid")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(2))
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL]
            let first = try await workspace.pipeline(arguments, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(try await fake.stats().creates == 2)

            let forget = try await workspace.pipeline(["cache", "forget", "shots.yaml", "--all"], token: nil)
            #expect(forget.standardOutput.hasPrefix("forgot 4 cache entries"), "\(forget.transcript)")
            try FileManager.default.removeItem(atPath: workspace.path("out"))
            let second = try await workspace.pipeline(arguments, token: fake.token)
            #expect(second.status == 0, "\(second.transcript)")
            #expect(second.standardOutput.contains("resuming project"), "\(second.standardOutput)")
            #expect(second.standardOutput.contains("0 credits spent"))
            #expect(try await fake.stats().creates == 2, "no project was created again")
            #expect(workspace.listing("out").filter { $0.contains(".mp4") }.count == 2)
        }

        @Test("cache gc refuses to run while a run holds the pipeline's lock")
        func gcWaitsForRuns() async throws {
            let fake = try await FakeAPIProcess(renderTime: 3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("gc-lock")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(1))
            let running = try await Spawned.pipeline(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], in: workspace.directory,
                environment: PipelineWorkspace.environment(token: fake.token))
            let deadline = Date().addingTimeInterval(20)
            while !running.outputSoFar.contains("rendering"), Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let gc = try await workspace.pipeline(["cache", "gc", "shots.yaml"], token: nil)
            #expect(gc.status == 3, "\(gc.transcript)")
            #expect(gc.standardError.contains("a run of shots is in progress"))
            let finished = try await running.finish()
            #expect(finished.status == 0, "\(finished.transcript)")
        }
    }
}
