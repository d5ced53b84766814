import Foundation
import Testing

extension EngineAcceptanceTests {
    /// A run after a complete run, with nothing it reads or wrote changed, plans nothing: it
    /// reports every task cached from the pipeline's up-to-date record. Every kind of change
    /// (an input rewritten, a file added to a globbed folder, an output deleted, another
    /// environment, an edited pipeline, `cache forget`, `--force`) makes the next run plan again,
    /// and do what the change calls for.
    @Suite(.timeLimit(.minutes(4)))
    struct UpToDateRunTests {
        /// The fingerprinter's and the record's racy window is 2 s: files changed more recently
        /// than that keep a run from writing the record.
        static let pastRacyWindow: Duration = .milliseconds(2100)

        struct Step {
            let workspace: PipelineWorkspace
            let state: [String]
            let environment: [String: String]

            func run(_ extra: [String] = [], environment more: [String: String] = [:]) async throws -> Spawned.Result {
                try await workspace.pipeline(
                    ["run", "thumbs.yaml"] + state + extra, token: nil,
                    extraEnvironment: environment.merging(more) { $1 })
            }

            /// Waits out the racy window and runs twice: the first plans and writes the record,
            /// the second finds it. Returns the second.
            func settle() async throws -> Spawned.Result {
                try await Task.sleep(for: UpToDateRunTests.pastRacyWindow)
                let planned = try await run()
                #expect(planned.status == 0 && !planned.upToDate, "\(planned.transcript)")
                return try await run()
            }
        }

        @Test(
            "a run with nothing changed plans nothing; each change plans again and does its work",
            arguments: WorkerFleetTests.Ledger.underTest)
        func upToDateAndEveryChange(ledger kind: WorkerFleetTests.Ledger) async throws {
            let workspace = try PipelineWorkspace("up-to-date")
            defer { workspace.remove() }
            let past = Date().addingTimeInterval(-60)
            for index in 1...3 {
                let name = try workspace.addImage("products/backpack.png", as: "p\(index).png")
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: workspace.path(name))
            }
            let server = kind == .postgres ? try TestPostgres.fresh() : nil
            try workspace.write("thumbs.yaml", LedgerPipelines.thumbs)
            let step = Step(
                workspace: workspace, state: server.map { ["--state", $0.url] } ?? [],
                environment: server?.environment ?? [:])
            let first = try await step.run()
            #expect(first.status == 0 && first.summaryCount("done") == 3, "\(first.transcript)")
            #expect(!first.upToDate)

            // Nothing changed: the third run is told from the record, with the same summary.
            let outputs = workspace.listing("out")
            var settled = try await step.settle()
            #expect(settled.status == 0 && settled.upToDate, "\(settled.transcript)")
            #expect(settled.summaryCount("cached") == 3 && settled.summaryCount("done") == 0, "\(settled.transcript)")
            #expect(settled.runStartCounts?.cached == 3, "\(settled.transcript)")
            #expect(workspace.listing("out") == outputs, "an up-to-date run touches no output")
            let runs = try await workspace.pipeline(
                ["runs", "thumbs.yaml", "--format", "json"] + step.state, token: nil,
                extraEnvironment: step.environment)
            let listed = try #require(
                try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]],
                "\(runs.transcript)")
            #expect(listed.count == 3, "the up-to-date run is in the history")
            #expect(listed.first?["cached"] as? Int == 3 && listed.first?["outcome"] as? String == "succeeded")

            // A file added to the globbed folder: planned, and only it is done.
            try workspace.addImage("products/backpack.png", as: "p4.png")
            var changed = try await step.run()
            #expect(!changed.upToDate && changed.summaryCount("done") == 1, "\(changed.transcript)")
            settled = try await step.settle()
            #expect(settled.upToDate && settled.summaryCount("cached") == 4, "\(settled.transcript)")

            // An input rewritten with other content, same name.
            try FileManager.default.removeItem(atPath: workspace.path("assets/p2.png"))
            try FileManager.default.copyItem(
                atPath: PipelineWorkspace.assets + "/products/sneaker.png", toPath: workspace.path("assets/p2.png"))
            changed = try await step.run()
            #expect(!changed.upToDate && changed.summaryCount("done") == 1, "\(changed.transcript)")
            settled = try await step.settle()
            #expect(settled.upToDate, "\(settled.transcript)")

            // An output deleted: made again.
            // (A resize without a name keeps its file in the work folder: the first of them.)
            let output = try #require(
                workspace.listing("out").map { String($0.prefix { $0 != " " }) }.first { $0.hasSuffix(".png") })
            try FileManager.default.removeItem(atPath: workspace.path("out/" + output))
            changed = try await step.run()
            #expect(!changed.upToDate && changed.summaryCount("done") == 1, "\(changed.transcript)")
            #expect(workspace.exists("out/" + output))
            settled = try await step.settle()
            #expect(settled.upToDate, "\(settled.transcript)")

            // Another environment: planned (expressions could read it), nothing to do.
            changed = try await step.run(environment: ["THUMB_TAG": "other"])
            #expect(!changed.upToDate && changed.summaryCount("cached") == 4, "\(changed.transcript)")
            // The record is the last complete run's: back to the first environment, planned once more.
            settled = try await step.settle()
            #expect(settled.upToDate, "\(settled.transcript)")

            // The pipeline edited: other tasks.
            try workspace.write(
                "thumbs.yaml", LedgerPipelines.thumbs.replacingOccurrences(of: "width: 64", with: "width: 65"))
            changed = try await step.run()
            #expect(!changed.upToDate && changed.summaryCount("done") == 4, "\(changed.transcript)")
            settled = try await step.settle()
            #expect(settled.upToDate, "\(settled.transcript)")

            // The cache forgotten: every task is done again.
            let forget = try await workspace.pipeline(
                ["cache", "forget", "thumbs.yaml", "--all"] + step.state, token: nil,
                extraEnvironment: step.environment)
            #expect(forget.status == 0, "\(forget.transcript)")
            changed = try await step.run()
            #expect(!changed.upToDate && changed.summaryCount("done") == 4, "\(changed.transcript)")
            settled = try await step.settle()
            #expect(settled.upToDate, "\(settled.transcript)")

            // --force never takes the record.
            changed = try await step.run(["--force"])
            #expect(!changed.upToDate && changed.summaryCount("done") == 4, "\(changed.transcript)")
        }
    }
}

extension Spawned.Result {
    /// Whether the run was told from the pipeline's up-to-date record.
    var upToDate: Bool { standardOutput.contains(" up to date: nothing ") }
}
