import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// The shared ledger's server restarts while workers are mid-run (on the harness's second
    /// PostgreSQL, so the tests beside this one keep theirs).
    @Suite(
        .timeLimit(.minutes(6)),
        .enabled(
            if: !TestPostgres.skipped && TestPostgres.restartable,
            "needs .ci/with-postgres's restartable server (PIPELINE_TEST_POSTGRES_RESTARTABLE_URL)"))
    struct PostgresRestartTests {
        /// Exit codes a worker may end with when its store went away: done, or tasks failed.
        static let cleanEnds: Set<Int32> = [0, 1]

        @Test(
            "PostgreSQL restarts mid-run: the workers reconnect or stop cleanly, and a re-run finishes with no task paid twice"
        )
        func workersSurviveAServerRestart() async throws {
            let fake = try await FakeAPIProcess(renderTime: 3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("pg-restart")
            defer { workspace.remove() }
            let server = try TestPostgres.fresh(restartable: true)
            try WorkerFleetTests.populate(workspace, state: server.url)
            let environment = PipelineWorkspace.environment(token: fake.token, extra: server.environment)
            let arguments = [
                "run", "fleet.yaml", "--worker", "--lease", "3", "--api-base-url", fake.baseURL, "--log-format", "json",
            ]
            var workers: [Spawned] = []
            for _ in 0..<2 {
                workers.append(try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment))
            }
            // Restart while paid jobs are rendering: some created and on record, others not yet.
            let deadline = Date().addingTimeInterval(60)
            while try await fake.stats().creates < 4 {
                try #require(Date() < deadline, "the workers never created 4 projects")
                try await Task.sleep(for: .milliseconds(50))
            }
            try await TestPostgres.restartServer()

            for worker in workers {
                let result = try await worker.finish(timeout: 150)
                #expect(Self.cleanEnds.contains(result.status), "exit \(result.status): \(result.transcript)")
                #expect(!result.allOutput.contains("Fatal error"), "\(result.transcript)")
                // The store's errors say what happened, not postgres-nio's placeholder.
                #expect(!result.allOutput.contains("Generic description"), "\(result.transcript)")
            }
            // An ordinary run afterwards finishes what is left and buys nothing already bought.
            let again = try await workspace.pipeline(
                ["run", "fleet.yaml", "--api-base-url", fake.baseURL], token: fake.token,
                extraEnvironment: server.environment)

            let stats = try await fake.stats()
            let boughtTwice = stats.projectsPerName.filter { $0.value > 1 }
            #expect(boughtTwice.isEmpty, "bought twice: \(boughtTwice)")
            #expect(stats.creates <= WorkerFleetTests.photos)
            // Every paid task is either done, with its file intact, or reported uncertain; none is lost.
            // Done: a succeeded row, or a cache entry (a worker whose row write met the restart
            // reports that store error, and the re-run finds the task cached, which writes no row).
            let done = try await server.integer(
                """
                SELECT COUNT(*) FROM (SELECT task_id FROM SCHEMA.tasks WHERE stage = 'final' AND status = 'succeeded'
                UNION SELECT task_id FROM SCHEMA.cache_entries WHERE stage = 'final') AS done
                """)
            // The project ids answered while the server was away were written once it was back
            // (the journal retries them), so nothing is left uncertain.
            #expect(again.status == 0, "\(again.transcript)")
            #expect(done == WorkerFleetTests.photos)
            #expect(stats.creates == WorkerFleetTests.photos)
            for index in 1...WorkerFleetTests.photos {
                let data = try #require(workspace.contents("out/p\(index).mp4"), "out/p\(index).mp4")
                #expect(data.count > 1000 && data[4..<8].elementsEqual("ftyp".utf8))
            }
            print(
                "postgres restart: run after restart exit \(again.status), final tasks done \(done), creates \(stats.creates)"
            )
        }
    }

    /// A run on PostgreSQL whose run-lock connection is cut while it runs.
    @Suite(.timeLimit(.minutes(4)), .enabled(if: !TestPostgres.skipped, "PIPELINE_TEST_POSTGRES=skip"))
    struct RunLockLossTests {
        /// Cuts the run lock's connection (the server then frees the lock) and, with `takeOver`,
        /// takes the lock at once in a psql session that keeps it until the returned child is killed.
        static func cutLockConnection(_ server: TestPostgres, takeOver: Bool) async throws -> Spawned? {
            let cut = """
                SELECT pg_terminate_backend(h.backend_pid)\(takeOver ? ", pg_advisory_lock((l.classid::bigint << 32) | l.objid::bigint)" : "")
                FROM \(server.schema).run_lock_holders h JOIN pg_locks l ON l.pid = h.backend_pid AND l.locktype = 'advisory'
                WHERE h.pipeline = 'fleet';
                """
            guard takeOver else {
                _ = try await server.rows(cut)
                return nil
            }
            // psql keeps its session (and the lock) in a long sleep until it is killed; the
            // server notices the killed client within 100 ms.
            var environment = server.psqlEnvironment
            environment["PGAPPNAME"] = "lock-taker"
            let child = try await Spawned.start(
                TestPostgres.psql, server.psqlArguments + ["-v", "ON_ERROR_STOP=1", "-qAt"], environment: environment,
                input: "SET client_connection_check_interval = '100ms';\n\(cut)\nSELECT pg_sleep(600);\n")
            let deadline = Date().addingTimeInterval(30)
            while try await server.integer(
                """
                SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'lock-taker'
                """) == 0
            {
                try #require(Date() < deadline && child.isRunning, "psql did not take the lock: \(child.outputSoFar)")
                try await Task.sleep(for: .milliseconds(20))
            }
            return child
        }

        /// Starts the fleet pipeline (one ordinary run) and waits for its first creates.
        static func startRun(
            _ workspace: PipelineWorkspace, server: TestPostgres, fake: FakeAPIProcess
        ) async throws -> Spawned {
            try WorkerFleetTests.populate(workspace, state: server.url)
            let run = try await Spawned.pipeline(
                ["run", "fleet.yaml", "--api-base-url", fake.baseURL, "--log-format", "json"], in: workspace.directory,
                environment: PipelineWorkspace.environment(token: fake.token, extra: server.environment))
            let deadline = Date().addingTimeInterval(60)
            while try await fake.stats().creates < 2 {
                try #require(Date() < deadline && run.isRunning, "the run never created 2 projects: \(run.outputSoFar)")
                try await Task.sleep(for: .milliseconds(50))
            }
            return run
        }

        @Test("a lost run lock is taken again at once, and the run goes on to succeed")
        func lostLockIsTakenAgain() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("lock-retaken")
            defer { workspace.remove() }
            let server = try TestPostgres.fresh()
            let run = try await Self.startRun(workspace, server: server, fake: fake)
            _ = try await Self.cutLockConnection(server, takeOver: false)
            let result = try await run.finish(timeout: 120)
            #expect(result.status == 0, "\(result.transcript)")
            #expect(
                result.standardOutput.contains(
                    "the run lock was lost with its connection to the state store; taken again"))
            #expect(try await fake.stats().creates == WorkerFleetTests.photos)
        }

        @Test(
            "a run whose lost lock another run took stops starting tasks (exit 1, saying why); nothing is bought twice")
        func lockTakenByAnotherStopsTheRun() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("lock-taken")
            defer { workspace.remove() }
            let server = try TestPostgres.fresh()
            let run = try await Self.startRun(workspace, server: server, fake: fake)
            let holder = try #require(try await Self.cutLockConnection(server, takeOver: true))
            let result = try await run.finish(timeout: 120)
            let createsWhileHeld = try await fake.stats().creates
            holder.signal(SIGKILL)
            _ = try await holder.finish()
            #expect(result.status == 1, "\(result.transcript)")
            #expect(result.allOutput.contains("another run"), "\(result.transcript)")
            #expect(result.allOutput.contains("this run stopped starting tasks"), "\(result.transcript)")
            #expect(createsWhileHeld < WorkerFleetTests.photos, "the run went on buying")

            // Once the other holder is gone, a run finishes the rest, buying each clip once.
            let again = try await workspace.pipeline(
                ["run", "fleet.yaml", "--api-base-url", fake.baseURL], token: fake.token,
                extraEnvironment: server.environment)
            #expect(again.status == 0, "\(again.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == WorkerFleetTests.photos)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
        }
    }
}
