import Foundation
import Testing

extension EngineAcceptanceTests {
    /// A re-run with nothing to do writes O(1) rows to the ledger, on SQLite and on PostgreSQL:
    /// every row of every table is compared before and after, so a per-task write (a task row, a
    /// fingerprint, a cache entry touched) shows up; and `runs`, `status` and `report` still tell
    /// what the no-op run did.
    @Suite(.timeLimit(.minutes(3)))
    struct NoopRunRowsTests {
        static let photos = 12

        /// Every row of every table of the ledger, by table (a row as text, or its MD5 on PostgreSQL).
        static func snapshot(
            _ kind: WorkerFleetTests.Ledger, workspace: PipelineWorkspace, server: TestPostgres?
        ) async throws -> [String: [String]] {
            if let server {
                var tables: [String: [String]] = [:]
                let names = try await server.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = '\(server.schema)'")
                for name in names.compactMap(\.first) {
                    tables[name] = try await server.rows("SELECT md5(t::text) FROM SCHEMA.\(name) t").map {
                        $0.joined(separator: "|")
                    }.sorted()
                }
                return tables
            }
            let script = """
                import json, sqlite3, sys
                connection = sqlite3.connect(sys.argv[1], timeout=30)
                tables = {}
                for (name,) in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
                    rows = connection.execute('SELECT * FROM "%s"' % name).fetchall()
                    tables[name] = sorted(json.dumps([None if v is None else str(v) for v in row]) for row in rows)
                print(json.dumps(tables))
                """
            let result = try await CommandRunner.run(
                program: "/usr/bin/env", ["python3", "-c", script, workspace.path(".pipeline/state.db")])
            guard result.status == 0 else {
                throw TestPostgres.CommandFailure(message: "sqlite snapshot failed: \(result.standardError)")
            }
            return try JSONDecoder().decode([String: [String]].self, from: Data(result.standardOutput.utf8))
        }

        /// Rows added, changed or removed between two snapshots, by table (changed counts twice).
        static func changes(from before: [String: [String]], to after: [String: [String]]) -> [String: Int] {
            var changes: [String: Int] = [:]
            for table in Set(before.keys).union(after.keys) {
                var counts: [String: Int] = [:]
                for row in before[table] ?? [] { counts[row, default: 0] -= 1 }
                for row in after[table] ?? [] { counts[row, default: 0] += 1 }
                let changed = counts.values.reduce(0) { $0 + abs($1) }
                if changed > 0 { changes[table] = changed }
            }
            return changes
        }

        @Test(
            "a no-op re-run of 12 cached tasks adds one run row and changes nothing else; runs, status and report show it",
            arguments: WorkerFleetTests.Ledger.underTest)
        func noopRunWritesOneRow(ledger kind: WorkerFleetTests.Ledger) async throws {
            let workspace = try PipelineWorkspace("noop-rows")
            defer { workspace.remove() }
            // Older than the fingerprinter's racy window, so the first run remembers them.
            let past = Date().addingTimeInterval(-60)
            for index in 1...Self.photos {
                let name = try workspace.addImage("products/backpack.png", as: "p\(index).png")
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: workspace.path(name))
            }
            let server = kind == .postgres ? try TestPostgres.fresh() : nil
            try workspace.write("thumbs.yaml", LedgerPipelines.thumbs)
            let state = server.map { ["--state", $0.url] } ?? []
            let environment = server?.environment ?? [:]
            let first = try await workspace.pipeline(
                ["run", "thumbs.yaml"] + state, token: nil, extraEnvironment: environment)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(first.summaryCount("done") == Self.photos, "\(first.transcript)")

            let before = try await Self.snapshot(kind, workspace: workspace, server: server)
            #expect((before["tasks"] ?? []).count == Self.photos)
            let again = try await workspace.pipeline(
                ["run", "thumbs.yaml"] + state, token: nil, extraEnvironment: environment)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(again.summaryCount("cached") == Self.photos, "\(again.transcript)")
            let after = try await Self.snapshot(kind, workspace: workspace, server: server)
            let changes = Self.changes(from: before, to: after)
            // The new run's row, and the pipeline's up-to-date record (one row, written or not by
            // the racy window); nothing per task (12 tasks would show as 12 or more).
            #expect(
                changes.filter { $0.key != "up_to_date" } == ["runs": 1], "rows written by a no-op re-run: \(changes)")
            #expect((changes["up_to_date"] ?? 0) <= 2, "\(changes)")
            #expect((after["runs"] ?? []).count == 2)

            // The history still tells what the no-op run did.
            let runs = try await workspace.pipeline(
                ["runs", "thumbs.yaml", "--format", "json"] + state, token: nil, extraEnvironment: environment)
            let listed = try #require(
                try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]],
                "\(runs.transcript)")
            #expect(listed.count == 2)
            #expect(listed.first?["outcome"] as? String == "succeeded", "\(listed)")
            #expect(listed.first?["cached"] as? Int == Self.photos, "\(listed)")
            #expect(listed.first?["succeeded"] as? Int == 0, "\(listed)")
            let status = try await workspace.pipeline(
                ["status", "--file", "thumbs.yaml", "--format", "json"] + state, token: nil,
                extraEnvironment: environment)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any],
                "\(status.transcript)")
            let tasks = try #require(object["tasks"] as? [[String: Any]], "\(object)")
            #expect(tasks.count == Self.photos)
            #expect(tasks.allSatisfy { $0["status"] as? String == "cached" }, "\(tasks)")
            let report = try await workspace.pipeline(
                ["report", "thumbs.yaml", "-o", "report.html"] + state, token: nil, extraEnvironment: environment)
            #expect(report.status == 0, "\(report.transcript)")
            let html = String(decoding: workspace.contents("report.html") ?? Data(), as: UTF8.self)
            #expect(html.contains("\(Self.photos) cached"), "the report lists the cached tasks")
            // Reading the history wrote nothing either.
            #expect(
                Self.changes(from: after, to: try await Self.snapshot(kind, workspace: workspace, server: server))
                    == [:])
        }
    }
}
