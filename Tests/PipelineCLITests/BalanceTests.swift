import Foundation
import Testing

extension EngineAcceptanceTests {
    /// The account's balance is read before the first paid create: a run it cannot pay for is
    /// refused whole, with exit 5, instead of failing half-way with 402s.
    @Suite(.timeLimit(.minutes(2)))
    struct BalanceTests {
        @Test("a balance below the credits to spend refuses the run before any create; enough runs it")
        func balanceFirst() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--balance", "300", "--tier", "pro"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("balance")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 3))
            let run = ["run", "a.yaml", "--api-base-url", fake.baseURL]
            let plan = try await workspace.pipeline(["plan", "a.yaml", "--format", "json"], token: nil)
            let needed = try #require(Self.creditsToSpend(plan.standardOutput), "\(plan.transcript)")
            #expect(needed > 300)

            let refused = try await workspace.pipeline(run, token: fake.token)
            #expect(refused.status == 5, "\(refused.transcript)")
            #expect(refused.standardError.contains("would spend \(needed) credits"), "\(refused.transcript)")
            #expect(refused.standardError.contains("has 300"), "\(refused.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 0)
            #expect(stats.requestsPerRoute["GET /v1/account"] == 1, "\(stats.requestsPerRoute)")
            #expect(stats.requestsPerRoute["POST /v1/files/upload-urls", default: 0] == 0)

            let account =
                try JSONSerialization.jsonObject(
                    with: try await FakeAPIProcess.get(fake.baseURL + "/v1/account", bearer: fake.token))
                as? [String: Any]
            #expect(account?["credits"] as? Int == 300 && account?["tier"] as? String == "pro")
        }

        @Test("with enough credits the run goes on, and the balance drops by what was charged")
        func enoughBalance() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--balance", "1000"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("balance-ok")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 3))
            let result = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(result.status == 0, "\(result.transcript)")
            let spent = try #require(result.creditsSpent)
            let account =
                try JSONSerialization.jsonObject(
                    with: try await FakeAPIProcess.get(fake.baseURL + "/v1/account", bearer: fake.token))
                as? [String: Any]
            #expect(account?["credits"] as? Int == 1000 - spent)
            // The ledger shows, per paid task, the plan's estimate, the create answer and the final cost.
            let status = try await workspace.pipeline(["status", "--format", "json"], token: nil)
            let object = try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any]
            let clips = ((object?["tasks"] as? [[String: Any]]) ?? []).filter { $0["stage"] as? String == "clips" }
            #expect(clips.count == 3, "\(status.transcript)")
            for clip in clips {
                #expect(clip["estimated_credits"] as? Int == 120, "\(clip)")
                #expect(clip["charged_credits"] as? Int == 120, "\(clip)")
                #expect(clip["final_credits"] as? Int == 120, "\(clip)")
                #expect(clip["credits_drift"] as? Bool == false, "\(clip)")
                #expect(clip["project_id"] is String)
            }
            let text = try await workspace.pipeline(["status"], token: nil)
            #expect(
                text.standardOutput.contains("credits: estimated 360, charged 360, final 360\n"), "\(text.transcript)")
            // A no-op re-run spends nothing and needs no balance.
            let again = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(again.status == 0)
            #expect(
                try await fake.stats().requestsPerRoute["GET /v1/account"] == 2, "the first run and the test read it")
        }

        /// `credits_to_spend` of `plan --format json`.
        static func creditsToSpend(_ json: String) -> Int? {
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?["credits_to_spend"] as? Int ?? (object?["summary"] as? [String: Any])?["credits_to_spend"]
                as? Int
        }
    }
}
