import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// The store's history tells the truth about money: interrupted and crashed runs are closed
    /// with their real counts and credits, store failures are never swallowed, no-op runs add no
    /// task rows, and old runs can be pruned.
    @Suite(.timeLimit(.minutes(3)))
    struct HistoryTruthTests {
        /// The newest run of the store as `runs --format json` prints it.
        static func newestRun(_ workspace: PipelineWorkspace) async throws -> [String: Any] {
            let runs = try await workspace.pipeline(["runs", "--format", "json"], token: nil)
            let list = try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]]
            return try #require(list?.first, "\(runs.transcript)")
        }

        /// Starts a run of `count` slow paid tasks, waits until `created` projects exist, signals it.
        static func signalMidRun(
            _ signalNumber: Int32, workspace: PipelineWorkspace, fake: FakeAPIProcess, count: Int, created: Int
        ) async throws -> Spawned.Result {
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: count))
            let run = try await Spawned.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL, "--max-parallel", "\(count)"],
                in: workspace.directory, environment: PipelineWorkspace.environment(token: fake.token))
            let deadline = Date().addingTimeInterval(30)
            while try await fake.stats().creates < created, Date() < deadline, run.isRunning {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Let the create answers reach the ledger.
            try await Task.sleep(for: .milliseconds(500))
            run.signal(signalNumber)
            return try await run.finish(timeout: 30)
        }

        @Test("Ctrl-C records the run as interrupted with the credits it spent, before exiting")
        func interruptedRunIsRecorded() async throws {
            let fake = try await FakeAPIProcess(renderTime: 30)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("truth-int")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            let result = try await Self.signalMidRun(SIGINT, workspace: workspace, fake: fake, count: 4, created: 4)
            #expect(result.status == 130, "\(result.transcript)")
            let charged = try await fake.stats().creditsCharged
            #expect(charged == 4 * 120)
            // Read straight from the file, before any other command could fix it up.
            let rows = try await StoreQuery.rows(
                workspace.path(".pipeline/state.db"), "SELECT outcome, finished_at, credits_spent FROM runs")
            #expect(rows.count == 1)
            #expect(rows.first?[0] == "interrupted")
            #expect(rows.first?[1].isEmpty == false, "finished_at was not recorded")
            #expect(rows.first?[2] == "\(charged)")
        }

        @Test("a SIGKILLed run is closed as crashed, with its paid jobs' credits, by the next command")
        func killedRunIsClosedAsCrashed() async throws {
            let fake = try await FakeAPIProcess(renderTime: 30)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("truth-kill")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            let result = try await Self.signalMidRun(SIGKILL, workspace: workspace, fake: fake, count: 3, created: 3)
            #expect(result.status != 0)
            let charged = try await fake.stats().creditsCharged
            #expect(charged == 3 * 120)
            let status = try await workspace.pipeline(["runs"], token: nil)
            #expect(status.standardError.contains("closed as crashed"), "\(status.transcript)")
            let run = try await Self.newestRun(workspace)
            #expect(run["outcome"] as? String == "crashed", "\(run)")
            #expect(run["finished_at"] != nil)
            #expect(run["credits"] as? Int == charged, "\(run)")
        }

        @Test("a failed write of a paid job stops the run with the store's reason; a progress row's is reported")
        func storeWriteFailuresAreNotSwallowed() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("truth-store")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 2))
            // Create the store (a run with nothing paid), then make SQLite itself refuse what the
            // engine writes next: real failures of the real file, no mock.
            try workspace.write(
                "z.yaml",
                """
                version: 1
                name: z
                settings: { output_dir: out-z }
                stages:
                  thumbs:
                    uses: image.resize
                    for_each: [assets/one.png]
                    with: { image: "${{ item }}", width: 32, height: 32 }

                """)
            let setup = try await workspace.pipeline(["run", "z.yaml"], token: nil)
            #expect(setup.status == 0, "\(setup.transcript)")
            let state = workspace.path(".pipeline/state.db")
            try await StoreQuery.execute(
                state,
                """
                CREATE TRIGGER refuse_progress BEFORE INSERT ON tasks
                BEGIN SELECT RAISE(ABORT, 'injected: progress rows refused'); END;
                """)
            let progress = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(progress.status == 1, "\(progress.transcript)")
            #expect(progress.allOutput.contains("injected: progress rows refused"), "\(progress.transcript)")
            #expect(progress.allOutput.contains("could not record the progress"), "\(progress.transcript)")
            // The work itself was done and is cached: nothing is paid again.
            try await StoreQuery.execute(state, "DROP TRIGGER refuse_progress;")
            let rerun = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(rerun.status == 0, "\(rerun.transcript)")
            #expect(try await fake.stats().creates == 2)

            // The ledger write after a create: the run stops, the task is uncertain, the id is named.
            try workspace.write(
                "b.yaml",
                LedgerPipelines.takes(name: "b", output: "out-b", count: 3)
                    .replacingOccurrences(of: "take ${{ item }}", with: "other ${{ item }}"))
            try await StoreQuery.execute(
                state,
                """
                CREATE TRIGGER refuse_submitted BEFORE UPDATE ON paid_jobs WHEN NEW.state = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'injected: ledger refused'); END;
                """)
            let ledger = try await workspace.pipeline(
                ["run", "b.yaml", "--api-base-url", fake.baseURL, "--max-parallel", "1"], token: fake.token)
            #expect(ledger.status == 4 || ledger.status == 1, "\(ledger.transcript)")
            #expect(ledger.allOutput.contains("injected: ledger refused"), "\(ledger.transcript)")
            #expect(ledger.allOutput.contains("was created"), "\(ledger.transcript)")
            // It stopped at the first: one project was bought, not three.
            #expect(try await fake.stats().creates == 3, "\(ledger.transcript)")
            try await StoreQuery.execute(state, "DROP TRIGGER refuse_submitted;")
            let after = try await workspace.pipeline(
                ["run", "b.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(after.status == 4, "the unrecorded project must be reported uncertain: \(after.transcript)")
            #expect(try await fake.stats().creates == 3 + 2, "\(after.transcript)")
        }

        @Test("a no-op re-run writes no task rows; history prune keeps the newest runs and the cache")
        func noopRunsAndPrune() async throws {
            let workspace = try PipelineWorkspace("truth-noop")
            defer { workspace.remove() }
            for name in ["a.png", "b.png"] { try workspace.addImage("products/backpack.png", as: name) }
            try workspace.addImage("products/sneaker.png", as: "c.png")
            try workspace.write(
                "thumbs.yaml", LedgerPipelines.thumbs)
            let state = workspace.path(".pipeline/state.db")
            let first = try await workspace.pipeline(["run", "thumbs.yaml"], token: nil)
            #expect(first.status == 0, "\(first.transcript)")
            let rowsAfterFirst = try await StoreQuery.integer(state, "SELECT COUNT(*) FROM tasks")
            #expect(rowsAfterFirst == 3)
            for _ in 0..<4 {
                let again = try await workspace.pipeline(["run", "thumbs.yaml"], token: nil)
                #expect(again.status == 0, "\(again.transcript)")
            }
            #expect(try await StoreQuery.integer(state, "SELECT COUNT(*) FROM tasks") == rowsAfterFirst)
            #expect(try await StoreQuery.integer(state, "SELECT COUNT(*) FROM runs") == 5)
            #expect(
                try await StoreQuery.integer(state, "SELECT MIN(tasks_cached) FROM runs WHERE tasks_succeeded = 0") == 3
            )

            let pruned = try await workspace.pipeline(["history", "prune", "--keep", "2", "thumbs.yaml"], token: nil)
            #expect(pruned.status == 0, "\(pruned.transcript)")
            #expect(pruned.standardOutput.contains("deleted 3 runs"), "\(pruned.transcript)")
            #expect(try await StoreQuery.integer(state, "SELECT COUNT(*) FROM runs") == 2)
            #expect(try await StoreQuery.integer(state, "SELECT COUNT(*) FROM tasks") == 0)
            let afterPrune = try await workspace.pipeline(["run", "thumbs.yaml"], token: nil)
            #expect(
                afterPrune.summaryCount("cached") == 3, "pruning history made work run again: \(afterPrune.transcript)")
        }
    }
}
