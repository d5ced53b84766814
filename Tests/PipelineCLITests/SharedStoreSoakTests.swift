import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// Two pipelines, one store, one fake, overlapping paid work, run at once and SIGKILLed at
    /// random, with 429s and 5xx injected, then run to completion.
    @Suite(.timeLimit(.minutes(5)))
    struct SharedStoreSoakTests {
        @Test("two pipelines sharing a store under SIGKILL and faults: each distinct paid task is bought once")
        func soak() async throws {
            // a: takes 1-20, b: takes 11-30: ten paid tasks in common, thirty distinct.
            let fake = try await FakeAPIProcess(
                renderTime: 2.5, extraArguments: ["--rate-limited", "0.05", "--server-errors", "0.05"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("soak")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", Self.pipeline(name: "a", takes: 1...20))
            try workspace.write("b.yaml", Self.pipeline(name: "b", takes: 11...30))
            let distinct = 30
            let environment = PipelineWorkspace.environment(token: fake.token)
            func arguments(_ file: String) -> [String] {
                ["run", file, "--api-base-url", fake.baseURL, "--max-parallel", "12"]
            }
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var reportedUncertain: Set<String> = []
            for _ in 0..<4 {
                let a = try await Spawned.pipeline(
                    arguments("a.yaml"), in: workspace.directory, environment: environment)
                let b = try await Spawned.pipeline(
                    arguments("b.yaml"), in: workspace.directory, environment: environment)
                // Soon enough that a round resuming the last one's projects is still at work.
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500, using: &generator)))
                for run in [a, b].shuffled(using: &generator) where run.isRunning {
                    kills += 1
                    run.signal(SIGKILL)
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...400, using: &generator)))
                }
                for run in [a, b] {
                    let result = try await run.finish(timeout: 60)
                    reportedUncertain.formUnion(Self.uncertainPrompts(in: result.standardOutput))
                }
            }
            #expect(kills >= 4, "the runs finished before they could be killed; the test proves little")

            // To completion, both at once; an uncertain job is resubmitted only on purpose.
            var done: Set<String> = []
            for _ in 0..<6 where done.count < 2 {
                let a = try await Spawned.pipeline(
                    arguments("a.yaml"), in: workspace.directory, environment: environment)
                let b = try await Spawned.pipeline(
                    arguments("b.yaml"), in: workspace.directory, environment: environment)
                for (name, run) in [("a", a), ("b", b)] {
                    let result = try await run.finish(timeout: 90)
                    reportedUncertain.formUnion(Self.uncertainPrompts(in: result.standardOutput))
                    if result.status == 4 {
                        let again = try await workspace.pipeline(
                            arguments("\(name).yaml") + ["--resubmit-uncertain"], token: fake.token)
                        if again.status == 0 { done.insert(name) }
                    } else if result.status == 0 {
                        done.insert(name)
                    }
                }
            }
            #expect(done == ["a", "b"], "the pipelines never completed")

            let stats = try await fake.stats()
            let perPrompt = Self.projectsPerPrompt(stats)
            #expect(perPrompt.count == distinct, "\(perPrompt.keys.sorted())")
            for (prompt, count) in perPrompt where count != 1 {
                #expect(
                    reportedUncertain.contains(prompt), "\(prompt) was bought \(count) times, never reported uncertain")
            }
            print(
                "soak: \(kills) kills, \(stats.creates) creates for \(distinct) tasks, uncertain: \(reportedUncertain.sorted())"
            )
            #expect(stats.creates <= distinct + reportedUncertain.count)

            // Every output where its plan puts it, an MP4.
            for (folder, takes) in [("out-a", 1...20), ("out-b", 11...30)] {
                for take in takes {
                    let data = try #require(workspace.contents("\(folder)/take-\(take).mp4"), "\(folder)/take-\(take)")
                    #expect(data.count > 1000 && data[4..<8].elementsEqual("ftyp".utf8))
                }
            }
            let state = workspace.path(".pipeline/state.db")
            #expect(try await StoreQuery.rows(state, "PRAGMA integrity_check").first?.first == "ok")
            #expect(try await StoreQuery.integer(state, "SELECT COUNT(*) FROM runs WHERE outcome = 'running'") == 0)
            // A last run of each has nothing to do.
            for name in ["a", "b"] {
                let again = try await workspace.pipeline(arguments("\(name).yaml"), token: fake.token)
                #expect(again.status == 0 && again.summaryCount("done") == 0, "\(again.transcript)")
            }
            #expect(try await fake.stats().creates == stats.creates)
        }

        static func pipeline(name: String, takes: ClosedRange<Int>) -> String {
            """
            version: 1
            name: \(name)
            settings:
              output_dir: out-\(name)
            inputs:
              takes:
                values: [\(takes.map(String.init).joined(separator: ", "))]
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.takes }}
                retry: { attempts: 4, backoff: 1s }
                with:
                  image: assets/one.png
                  end_seconds: 5
                  resolution: 480p
                  model: ltx-2.3
                  prompt: "take ${{ item }}"
              files:
                uses: download
                retry: { attempts: 4, backoff: 1s }
                for_each: ${{ stages.clips }}
              final:
                uses: rename
                for_each: ${{ stages.files }}
                with: { to: "take-${{ item.stem }}.mp4", on_exists: overwrite }

            """
        }

        /// Projects created per prompt (the task's identity across both pipelines).
        static func projectsPerPrompt(_ stats: FakeAPIProcess.Stats) -> [String: Int] {
            var result: [String: Int] = [:]
            for (body, count) in stats.projectsCreatedPerBody {
                let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
                let prompt = object?["style"].flatMap { ($0 as? [String: Any])?["prompt"] as? String } ?? body
                result[prompt, default: 0] += count
            }
            return result
        }

        /// Prompts of the tasks a run reported uncertain: `clips[N]` (N the input's value) is `take N`.
        static func uncertainPrompts(in output: String) -> Set<String> {
            Set(
                EngineAcceptanceTests.CrashSafetyTests.uncertainTasks(in: output).compactMap { task in
                    guard let open = task.firstIndex(of: "["), let close = task.firstIndex(of: "]"),
                        let index = Int(task[task.index(after: open)..<close])
                    else { return nil }
                    return "take \(index)"
                })
        }
    }
}
