import Foundation
import Testing

extension EngineAcceptanceTests {
    /// A recorded project the API no longer knows (404) is never bought again silently: the run
    /// that meets it reports it, and the next plan shows it with its credits, within the budget.
    @Suite(.timeLimit(.minutes(3)))
    struct ProjectGoneTests {
        /// Deletes a project in the fake, as a user deleting it in the vendor's dashboard would.
        static func delete(_ projectID: String, fake: FakeAPIProcess) async throws {
            let result = try await CommandRunner.run(
                program: "/usr/bin/env",
                [
                    "curl", "-sS", "--fail", "-X", "DELETE", "-H", "Authorization: Bearer \(fake.token)",
                    fake.baseURL + "/v1/video-projects/" + projectID,
                ])
            #expect(result.status == 0, "\(result.standardError)")
        }

        @Test(
            "a resumed project that is gone (deleted, or 404) is reported, planned as 'recorded project gone' and budgeted before it is bought again",
            arguments: ["clips", "files"])
        func goneProjectIsPlannedAndBudgeted(forgottenStage: String) async throws {
            var fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("gone-\(forgottenStage)")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 2))
            var run = ["run", "a.yaml", "--api-base-url", fake.baseURL]
            let first = try await workspace.pipeline(run, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            let state = workspace.path(".pipeline/state.db")
            let projects = try await StoreQuery.rows(state, "SELECT project_id FROM paid_jobs ORDER BY task_id").map {
                $0[0]
            }
            #expect(projects.count == 2)
            if forgottenStage == "clips" {
                // Deleted in the dashboard: the API still knows it, without its video.
                try await Self.delete(projects[0], fake: fake)
            } else {
                // Another API that never knew the projects (an account reset, a fresh fake): 404s.
                try await fake.stopped()
                fake = try await FakeAPIProcess(renderTime: 0.3)
                run = ["run", "a.yaml", "--api-base-url", fake.baseURL]
            }
            // The clip (resumed from the ledger) or its download meets the 404.
            let forget = try await workspace.pipeline(
                ["cache", "forget", "--stage", forgottenStage, "a.yaml"], token: nil)
            #expect(forget.status == 0, "\(forget.transcript)")

            let meets = try await workspace.pipeline(run, token: fake.token)
            #expect(meets.status == 1, "\(meets.transcript)")
            #expect(meets.allOutput.contains("no longer knows it"), "\(meets.transcript)")
            let before = forgottenStage == "clips" ? 2 : 0
            let gone = forgottenStage == "clips" ? 1 : 2
            #expect(try await fake.stats().creates == before, "a gone project was bought again silently")

            let plan = try await workspace.pipeline(["plan", "a.yaml"], token: nil)
            #expect(plan.standardOutput.contains("to run: recorded project gone"), "\(plan.transcript)")
            #expect(plan.standardOutput.contains("\(120 * gone) credits still to spend"), "\(plan.transcript)")

            try workspace.write(
                "a.yaml", LedgerPipelines.takes(name: "a", count: 2, settings: ["budget_credits: \(120 * gone - 20)"]))
            let refused = try await workspace.pipeline(run, token: fake.token)
            #expect(refused.status == 5, "\(refused.transcript)")
            #expect(try await fake.stats().creates == before)

            try workspace.write(
                "a.yaml", LedgerPipelines.takes(name: "a", count: 2, settings: ["budget_credits: \(120 * gone)"]))
            let rebuys = try await workspace.pipeline(run, token: fake.token)
            #expect(rebuys.status == 0, "\(rebuys.transcript)")
            #expect(rebuys.creditsSpent == 120 * gone, "\(rebuys.transcript)")
            #expect(try await fake.stats().creates == before + gone)
            #expect(workspace.exists("out/take-1.mp4") && workspace.exists("out/take-2.mp4"))
        }
    }
}
