import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// Several `pipeline run --worker` processes sharing one run through one store.
    @Suite(.timeLimit(.minutes(5)))
    struct WorkerFleetTests {
        static let photos = 15

        /// resize → generate → download → rename over 15 photos: 60 tasks, 15 of them paid.
        static func pipeline(state: String? = nil) -> String {
            """
            version: 1
            name: fleet
            settings:
              output_dir: out
              max_parallel: 3
            \(state.map { "  state: \($0)\n" } ?? "")inputs:
              photos:
                glob: "photos/*.png"
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item.path }}", width: 320, height: 240, fit: cover }
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ stages.thumbs }}
                retry: { attempts: 4, backoff: 1s }
                with:
                  image: ${{ item.path }}
                  end_seconds: 5
                  resolution: 480p
                  model: ltx-2.3
                  prompt: "clip of ${{ item.stem }}"
              files:
                uses: download
                retry: { attempts: 4, backoff: 1s }
                for_each: ${{ stages.clips }}
              final:
                uses: rename
                for_each: ${{ stages.files }}
                with: { to: "${{ item.stem }}.mp4", on_exists: overwrite }

            """
        }

        static func workspace(_ label: String, state: String? = nil) throws -> PipelineWorkspace {
            let workspace = try PipelineWorkspace(label)
            try populate(workspace, state: state)
            return workspace
        }

        /// 15 photos and the pipeline file (its ledger at `state` when given).
        static func populate(_ workspace: PipelineWorkspace, state: String?) throws {
            try FileManager.default.createDirectory(atPath: workspace.path("photos"), withIntermediateDirectories: true)
            for index in 1...photos {
                try workspace.addImage("products/backpack.png", as: "../photos/p\(index).png")
            }
            try workspace.write("fleet.yaml", pipeline(state: state))
        }

        /// Tasks whose success each worker announced (JSON log lines), counted over all workers.
        static func successes(in outputs: [String]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for output in outputs {
                for line in output.split(separator: "\n") {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                        object["event"] as? String == "task_succeeded", let task = object["task"] as? String
                    else { continue }
                    counts[task, default: 0] += 1
                }
            }
            return counts
        }

        /// Where a test keeps its ledger: a SQLite file in its folder, or a schema on the test PostgreSQL.
        enum Ledger: String, CaseIterable, CustomTestStringConvertible {
            case sqlite
            case postgres
            var testDescription: String { rawValue }
            static var underTest: [Ledger] { TestPostgres.skipped ? [.sqlite] : allCases }
        }

        /// The ledger's state setting, the environment that reaches it, and a query on it (tables
        /// written `SCHEMA.name`).
        static func ledger(
            _ kind: Ledger, in workspace: PipelineWorkspace
        ) throws -> (
            state: String?, environment: [String: String], rows: @Sendable (String) async throws -> [[String]]
        ) {
            switch kind {
            case .sqlite:
                let path = workspace.path(".pipeline/state.db")
                return (nil, [:], { try await StoreQuery.rows(path, $0.replacingOccurrences(of: "SCHEMA.", with: "")) })
            case .postgres:
                let server = try TestPostgres.fresh()
                return (server.url, server.environment, { try await server.rows($0) })
            }
        }

        @Test(
            "3 workers on one run, 2 SIGKILLed and 1 paused past its lease: each paid task bought once, every file intact, no task done twice",
            arguments: Ledger.underTest)
        func workersSurviveKillsAndPauses(ledger kind: Ledger) async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("fleet")
            defer { workspace.remove() }
            let ledger = try Self.ledger(kind, in: workspace)
            try Self.populate(workspace, state: ledger.state)
            let environment = PipelineWorkspace.environment(token: fake.token, extra: ledger.environment)
            let arguments = [
                "run", "fleet.yaml", "--worker", "--lease", "2", "--api-base-url", fake.baseURL, "--log-format", "json",
            ]
            var generator = SystemRandomNumberGenerator()
            // Spawned one by one, each once the one before has begun or joined the run.
            var workers: [Spawned] = []
            for _ in 0..<3 {
                workers.append(try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment))
            }
            let (killed, paused) = (Array(workers[0..<2]), workers[2])
            // The paused worker stops while it holds paid tasks, for longer than its lease: the
            // others take them over; one of them is killed before and one after it resumes.
            let deadline = Date().addingTimeInterval(30)
            while !paused.outputSoFar.contains(#""event":"task_started""#) || !paused.outputSoFar.contains("clips[") {
                try #require(Date() < deadline, "the third worker never started a paid task")
                try await Task.sleep(for: .milliseconds(50))
            }
            paused.signal(SIGSTOP)
            try await Task.sleep(for: .milliseconds(Int.random(in: 3500...4500, using: &generator)))
            killed[0].signal(SIGKILL)
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1000, using: &generator)))
            paused.signal(SIGCONT)
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500, using: &generator)))
            killed[1].signal(SIGKILL)
            var outputs: [String] = []
            for worker in killed { outputs.append(try await worker.finish(timeout: 30).standardOutput) }
            let survivor = try await paused.finish(timeout: 180)
            outputs.append(survivor.standardOutput)
            // A SIGKILL that lands between a worker's recorded intent and its create leaves that
            // job uncertain: maybe bought, so never bought again, and the run says so (exit 4).
            let uncertain = try await ledger.rows("SELECT task_id FROM SCHEMA.tasks WHERE status = 'uncertain'")
                .compactMap(\.first)
            #expect(survivor.status == (uncertain.isEmpty ? 0 : 4), "uncertain: \(uncertain)\n\(survivor.transcript)")
            // Its tasks were taken over while it was paused (a claim's epoch above 1). Whether it
            // still had a write to make when it woke depends on timing; when it did, the epoch
            // refused it (the store's fencing itself is tested in WorkerStoreTests).
            let takenOver = try await ledger.rows("SELECT COUNT(*) FROM SCHEMA.task_claims WHERE epoch > 1")
            #expect((takenOver.first?.first.flatMap { Int($0) } ?? 0) > 0, "no task was taken over")
            print(
                "fleet (\(kind.rawValue)): late writes refused: \(survivor.standardOutput.components(separatedBy: "another worker took this task over").count - 1)"
            )

            let stats = try await fake.stats()
            #expect(
                stats.creates + uncertain.count == Self.photos,
                "\(stats.creates) creates and \(uncertain.count) uncertain jobs for \(Self.photos) paid tasks")
            let boughtTwice = try await ledger.rows(
                "SELECT task_id FROM SCHEMA.paid_jobs WHERE project_id IS NOT NULL GROUP BY task_id HAVING COUNT(*) > 1"
            )
            #expect(boughtTwice.isEmpty, "bought twice: \(boughtTwice)")
            let uncertainWithProject = try await ledger.rows(
                "SELECT task_id FROM SCHEMA.paid_jobs WHERE project_id IS NOT NULL AND task_id IN ("
                    + (uncertain.isEmpty ? "''" : uncertain.map { "'\($0)'" }.joined(separator: ",")) + ")")
            #expect(uncertainWithProject.isEmpty, "an uncertain job has a project: \(uncertainWithProject)")
            for index in 1...Self.photos where !uncertain.contains(where: { $0.hasSuffix("/p\(index).png]") }) {
                let data = try #require(workspace.contents("out/p\(index).mp4"), "out/p\(index).mp4")
                #expect(data.count > 1000 && data[4..<8].elementsEqual("ftyp".utf8))
            }
            let doneTwice = Self.successes(in: outputs).filter { $0.value > 1 }
            #expect(doneTwice.isEmpty, "done twice: \(doneTwice)")
            #expect(try await ledger.rows("SELECT COUNT(*) FROM SCHEMA.runs") == [["1"]])
            #expect(
                try await ledger.rows("SELECT outcome FROM SCHEMA.runs") == [
                    [uncertain.isEmpty ? "succeeded" : "uncertain"]
                ])
            let credits = try await ledger.rows("SELECT credits_spent FROM SCHEMA.runs").first?.first.flatMap {
                Int($0)
            }
            #expect(credits == stats.creditsCharged - stats.creditsRefunded)
            // Nothing is left to do, and nothing more is bought.
            let again = try await workspace.pipeline(
                ["run", "fleet.yaml", "--api-base-url", fake.baseURL], token: fake.token,
                extraEnvironment: ledger.environment)
            #expect(
                again.status == (uncertain.isEmpty ? 0 : 4) && again.summaryCount("done") == 0, "\(again.transcript)")
            #expect(try await fake.stats().creates == stats.creates)
        }

        @Test("a worker joins the run another worker began; an ordinary run meanwhile is skipped (lock held)")
        func workersShareOneRunAndExcludeOrdinaryRuns() async throws {
            let fake = try await FakeAPIProcess(renderTime: 1.5)
            defer { fake.stop() }
            let workspace = try Self.workspace("fleet-join")
            defer { workspace.remove() }
            let environment = PipelineWorkspace.environment(token: fake.token)
            let arguments = ["run", "fleet.yaml", "--worker", "--api-base-url", fake.baseURL, "--log-format", "json"]
            let first = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
            try await Task.sleep(for: .milliseconds(700))
            let ordinary = try await workspace.pipeline(
                ["run", "fleet.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(ordinary.status == 3, "\(ordinary.transcript)")
            let second = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
            let results = [try await first.finish(timeout: 120), try await second.finish(timeout: 120)]
            for result in results { #expect(result.status == 0, "\(result.transcript)") }
            let runIDs = results.map { result in
                result.standardOutput.split(separator: "\n").compactMap { line -> String? in
                    let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                    return object?["event"] as? String == "run_started" ? object?["run"] as? String : nil
                }
            }
            #expect(runIDs[0].count == 1 && runIDs[0] == runIDs[1], "\(runIDs)")
            let successes = Self.successes(in: results.map(\.standardOutput))
            #expect(successes.count == 4 * Self.photos && successes.values.allSatisfy { $0 == 1 })
            #expect(try await fake.stats().creates == Self.photos)
            let state = workspace.path(".pipeline/state.db")
            #expect(
                try await StoreQuery.rows(state, "SELECT outcome, tasks_succeeded FROM runs") == [["succeeded", "60"]])
        }

        @Test("--lease needs --worker, and a sane number of seconds")
        func leaseValidation() async throws {
            let workspace = try Self.workspace("fleet-args")
            defer { workspace.remove() }
            let alone = try await workspace.pipeline(["run", "fleet.yaml", "--lease", "5"], token: "fake-test-key-x")
            #expect(alone.status == 2 && alone.standardError.contains("--lease needs --worker"))
            let huge = try await workspace.pipeline(
                ["run", "fleet.yaml", "--worker", "--lease", "1e300"], token: "fake-test-key-x")
            #expect(huge.status == 2 && huge.standardError.contains("--lease must be from 1 to 3600"))
        }
    }
}
