import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// Exactly-once paid work across SIGKILL and SIGINT.
    @Suite(.timeLimit(.minutes(3)))
    struct CrashSafetyTests {
        @Test("SIGKILL at random moments, re-run until done: one project per task, every output what the fake served")
        func crashTest() async throws {
            let taskCount = 100
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("crash")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(taskCount))
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL, "--max-parallel", "25"]
            let environment = PipelineWorkspace.environment(token: fake.token)
            var transcripts: [String] = []
            var reportedUncertain: Set<String> = []

            var generator = SystemRandomNumberGenerator()
            var kills = 0
            for _ in 0..<4 {
                let run = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...2500, using: &generator)))
                if run.isRunning { kills += 1 }
                run.signal(SIGKILL)
                let result = try await run.finish(timeout: 30)
                transcripts.append(result.standardOutput)
                reportedUncertain.formUnion(Self.uncertainTasks(in: result.standardOutput))
            }
            #expect(kills >= 3, "the runs finished before they could be killed; the test proves little")
            let afterKills = try await fake.stats()

            // Re-run until done; an uncertain task must be reported, then resubmitted on purpose.
            var final: Spawned.Result?
            for _ in 0..<6 {
                var result = try await workspace.pipeline(arguments, token: fake.token)
                transcripts.append(result.standardOutput)
                if result.status == 4 {
                    let uncertain = Self.uncertainTasks(in: result.standardOutput)
                    #expect(!uncertain.isEmpty, "exit 4 without naming the uncertain tasks: \(result.transcript)")
                    #expect(result.runStartCounts?.uncertain == uncertain.count)
                    reportedUncertain.formUnion(uncertain)
                    result = try await workspace.pipeline(arguments + ["--resubmit-uncertain"], token: fake.token)
                    transcripts.append(result.standardOutput)
                }
                if result.status == 0 {
                    final = result
                    break
                }
                Issue.record("a re-run did not finish: \(result.transcript)")
            }
            let done = try #require(final, "the pipeline never completed")
            print(
                "crash test: \(kills) kills, \(afterKills.creates) projects created before the re-runs, uncertain: \(reportedUncertain.sorted())"
            )
            #expect(done.standardOutput.contains("0 failed"))

            // Exactly one project per task; any second one belongs to a task reported as uncertain.
            let stats = try await fake.stats()
            let perName = stats.projectsPerName
            #expect(perName.count == taskCount)
            for (name, count) in perName where count != 1 {
                let task = name.replacingOccurrences(of: "shots/", with: "")
                #expect(
                    reportedUncertain.contains(task), "\(name) was created \(count) times and never reported uncertain")
            }
            #expect(stats.creates == taskCount + perName.values.reduce(0) { $0 + max(0, $1 - 1) })
            #expect(stats.creates <= taskCount + reportedUncertain.count)
            #expect(stats.creates >= afterKills.creates)

            // Every task's output exists and is the video the fake rendered (one image, one size:
            // one MP4 served for every project).
            let videos = fake.workDirectory + "/videos"
            let rendered = try FileManager.default.contentsOfDirectory(atPath: videos).filter { $0.hasSuffix(".mp4") }
            #expect(rendered.count == 1, "\(rendered)")
            let served = try #require(FileManager.default.contents(atPath: videos + "/" + (rendered.first ?? "")))
            #expect(served.count > 1000)
            #expect(served[4..<8].elementsEqual("ftyp".utf8))
            let files = workspace.listing("out/.work/files").filter { $0.contains(".mp4") && !$0.contains(".part") }
            #expect(files.count == taskCount, "\(files)")
            for entry in files {
                let name = String(entry.split(separator: " ")[0])
                let data = try #require(workspace.contents("out/.work/files/" + name))
                #expect(data == served, "\(name) differs from what the fake served")
            }
            // And what the fake serves for one project, fetched again by its id, is the same.
            let projectID = try #require(Self.projectIDs(in: transcripts.joined(separator: "\n")).first)
            let project = try await fake.project(projectID)
            let downloads = try #require(project["downloads"] as? [[String: Any]])
            let url = try #require(downloads.first?["url"] as? String)
            #expect(try await fake.fetch(url) == served)

            // A last run has nothing left to do.
            let again = try await workspace.pipeline(arguments, token: fake.token)
            #expect(again.status == 0)
            #expect(again.runStartCounts?.cached == 2 * taskCount, "\(again.transcript)")
            #expect(try await fake.stats().creates == stats.creates)
        }

        @Test("SIGINT during a run exits 130 and keeps every project id; the re-run resumes them")
        func interruptKeepsProjects() async throws {
            let fake = try await FakeAPIProcess(renderTime: 5)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("sigint")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(8))
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL, "--max-parallel", "8"]
            let run = try await Spawned.pipeline(
                arguments, in: workspace.directory, environment: PipelineWorkspace.environment(token: fake.token))
            // Wait until every project is created (each task says "rendering <id>"), then Ctrl-C.
            let deadline = Date().addingTimeInterval(30)
            while Self.projectIDs(in: run.outputSoFar).count < 8, Date() < deadline, run.isRunning {
                try await Task.sleep(for: .milliseconds(50))
            }
            let created = Self.projectIDs(in: run.outputSoFar)
            #expect(created.count == 8)
            run.signal(SIGINT)
            let interrupted = try await run.finish(timeout: 20)
            #expect(interrupted.status == 130, "\(interrupted.transcript)")
            #expect(interrupted.standardError.contains("interrupted"))
            #expect(interrupted.standardOutput.contains("interrupted"))
            let afterInterrupt = try await fake.stats()
            #expect(afterInterrupt.creates == 8)

            let plan = try await workspace.pipeline(["plan", "shots.yaml"], token: nil)
            #expect(plan.standardOutput.components(separatedBy: "[resumable]").count - 1 == 8, "\(plan.transcript)")
            #expect(plan.standardOutput.contains("0 credits still to spend"))

            let rerun = try await workspace.pipeline(arguments, token: fake.token)
            #expect(rerun.status == 0, "\(rerun.transcript)")
            #expect(rerun.runStartCounts?.resumable == 8, "\(rerun.transcript)")
            for id in created {
                #expect(rerun.standardOutput.contains("resuming project \(id)"))
            }
            let stats = try await fake.stats()
            #expect(stats.creates == 8)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
            #expect(workspace.listing("out/.work/files").filter { $0.contains(".mp4") }.count == 8)
        }

        @Test("two quick Ctrl-Cs exit 130; the state store stays consistent and nothing is paid twice")
        func secondInterruptExitsAtOnce() async throws {
            let fake = try await FakeAPIProcess(renderTime: 30)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("sigint2")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(4))
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL, "--max-parallel", "4"]
            let run = try await Spawned.pipeline(
                arguments, in: workspace.directory, environment: PipelineWorkspace.environment(token: fake.token))
            let deadline = Date().addingTimeInterval(30)
            while Self.projectIDs(in: run.outputSoFar).count < 4, Date() < deadline, run.isRunning {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(Self.projectIDs(in: run.outputSoFar).count == 4)
            let started = Date()
            run.signal(SIGINT)
            try await Task.sleep(for: .milliseconds(100))
            run.signal(SIGINT)
            let interrupted = try await run.finish(timeout: 20)
            #expect(interrupted.status == 130, "\(interrupted.transcript)")
            #expect(Date().timeIntervalSince(started) < 5, "two Ctrl-Cs did not end the run promptly")

            // The store opens and plans; the four projects are known and resumed, none created again.
            let plan = try await workspace.pipeline(["plan", "shots.yaml"], token: nil)
            #expect(plan.status == 0, "\(plan.transcript)")
            #expect(plan.standardOutput.components(separatedBy: "[resumable]").count - 1 == 4, "\(plan.transcript)")
            #expect(try await fake.stats().creates == 4)
        }

        /// Task ids a run reported as uncertain (skipped or failed with the word "uncertain").
        static func uncertainTasks(in output: String) -> Set<String> {
            var tasks: Set<String> = []
            for line in output.split(separator: "\n") where line.contains("uncertain") {
                for marker in ["skip   ", "FAILED "] {
                    guard let range = line.range(of: marker) else { continue }
                    let rest = line[range.upperBound...]
                    guard let colon = rest.range(of: ": ") else { continue }
                    let task = String(rest[..<colon.lowerBound])
                    if task.hasPrefix("clips[") { tasks.insert(task) }
                }
            }
            return tasks
        }

        /// Project ids in "rendering <id>" progress lines, in order, without repeats.
        static func projectIDs(in output: String) -> [String] {
            var ids: [String] = []
            for line in output.split(separator: "\n") {
                guard let range = line.range(of: ": rendering ") else { continue }
                let id = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                if !ids.contains(id) { ids.append(id) }
            }
            return ids
        }
    }
}
