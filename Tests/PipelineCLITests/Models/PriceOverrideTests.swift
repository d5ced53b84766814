import Foundation
import Testing

/// `settings.prices` and `default` per tier, through the CLI against `pipeline fake-api`: a price
/// the pipeline gives is what the plan estimates, the budget guard reserves and (for a model the
/// catalog cannot price) what the fake charges; `default` plans, reserves and is charged as the
/// model the tier gets.
@Suite(.timeLimit(.minutes(3)))
struct PriceOverrideTests {
    /// `count` clips at `resolution`, 5 s each, with `model` (none: the API's `default`).
    static func clips(
        model: String?, resolution: String = "720p", audio: Bool? = nil, count: Int = 2, settings: [String] = []
    ) -> String {
        var with = ["image: https://example.com/a.png", "end_seconds: 5", "resolution: \(resolution)"]
        if let model { with.append("model: \(model)") }
        if let audio { with.append("audio: \(audio)") }
        return """
            version: 1
            name: priced
            settings:
              output_dir: out
            \(settings.map { "  " + $0 }.joined(separator: "\n"))
            inputs:
              shots:
                values: [\((1...count).map(String.init).joined(separator: ", "))]
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.shots }}
                with:
            \(with.map { "      " + $0 }.joined(separator: "\n"))
                  prompt: "take ${{ item }}"

            """
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    static func plan(_ workspace: PipelineWorkspace, _ extra: [String] = []) async throws -> [String: Any] {
        let plan = try await workspace.pipeline(["plan", "p.yaml", "--format", "json"] + extra, token: nil)
        #expect(plan.status == 0, "\(plan.transcript)")
        return try object(plan.standardOutput)
    }

    static func tasks(_ plan: [String: Any]) -> [[String: Any]] {
        (plan["tasks"] as? [[String: Any]] ?? []).filter { $0["stage"] as? String == "clips" }
    }

    /// Each clip's estimated and charged credits in `status --format json`.
    static func ledger(_ workspace: PipelineWorkspace) async throws -> [(estimated: Int?, charged: Int?)] {
        let status = try await workspace.pipeline(["status", "--format", "json", "--file", "p.yaml"], token: nil)
        let tasks = try object(status.standardOutput)["tasks"] as? [[String: Any]] ?? []
        return tasks.filter { $0["stage"] as? String == "clips" }.map {
            ($0["estimated_credits"] as? Int, $0["charged_credits"] as? Int)
        }
    }

    @Test("an unpriced model priced in settings.prices plans with that price and runs; reserved and charged agree")
    func anUnpricedModelPricedByThePipeline() async throws {
        let workspace = try PipelineWorkspace("prices-unpriced")
        defer { workspace.remove() }
        let fake = try await FakeAPIProcess(renderTime: 0.2)
        defer { fake.stop() }
        let run = ["run", "p.yaml", "--api-base-url", fake.baseURL, "--no-live"]
        // ltx-2.5 has no published price: without an override the run is refused before a create.
        try workspace.write("p.yaml", Self.clips(model: "ltx-2.5", resolution: "480p", count: 3))
        let unpriced = try await Self.plan(workspace)
        #expect(unpriced["unpriced_tasks"] as? Int == 3)
        let refused = try await workspace.pipeline(run, token: fake.token)
        #expect(refused.status == 5, "\(refused.transcript)")
        #expect(refused.standardError.contains("settings.prices"), "\(refused.transcript)")
        #expect(try await fake.stats().creates == 0)

        // The fake charges 50 credits/s for a model without a published price: the pipeline says so.
        let settings = ["budget_credits: 750", "prices:", "    ltx-2.5:", "      480p: 50"]
        try workspace.write("p.yaml", Self.clips(model: "ltx-2.5", resolution: "480p", count: 3, settings: settings))
        let plan = try await Self.plan(workspace)
        #expect(plan["unpriced_tasks"] as? Int == 0)
        #expect(plan["total_credits"] as? Int == 3 * 5 * 50)
        for task in Self.tasks(plan) {
            #expect(task["credits"] as? Int == 250 && task["price_source"] as? String == "settings.prices", "\(task)")
        }
        let models = plan["models"] as? [[String: Any]] ?? []
        #expect(models.first?["settings_priced_tasks"] as? Int == 3, "\(models)")

        // No --allow-unpriced: the tasks are priced, and the budget is exactly their estimate.
        let done = try await workspace.pipeline(run, token: fake.token)
        #expect(done.status == 0, "\(done.transcript)")
        let stats = try await fake.stats()
        #expect(stats.creates == 3 && stats.creditsCharged == 750)
        let ledger = try await Self.ledger(workspace)
        #expect(ledger.count == 3)
        for row in ledger { #expect(row.estimated == 250 && row.charged == 250, "\(ledger)") }
    }

    @Test("a settings.prices entry correcting a catalog price changes the estimate, says so, and keeps the cache keys")
    func anOverrideCorrectsTheCatalog() async throws {
        let workspace = try PipelineWorkspace("prices-correct")
        defer { workspace.remove() }
        try workspace.write("p.yaml", Self.clips(model: "kling-3.0", audio: true))
        let catalog = try await Self.plan(workspace)
        #expect(catalog["total_credits"] as? Int == 2 * 5 * (48 + 24))
        #expect(Self.tasks(catalog).allSatisfy { $0["price_source"] as? String == "catalog" })

        let settings = ["prices:", "    kling-3.0:", "      720p: { per_second: 40, audio_per_second: 20 }"]
        try workspace.write("p.yaml", Self.clips(model: "kling-3.0", audio: true, settings: settings))
        let corrected = try await Self.plan(workspace)
        #expect(corrected["total_credits"] as? Int == 2 * 5 * (40 + 20))
        #expect(Self.tasks(corrected).allSatisfy { $0["price_source"] as? String == "settings.prices" })
        // A price is not part of the request: the cache keys stay those of the catalog's plan.
        #expect(
            Self.tasks(corrected).map { $0["cache_key"] as? String }
                == Self.tasks(catalog).map {
                    $0["cache_key"] as? String
                })
        #expect(Self.tasks(catalog).allSatisfy { ($0["cache_key"] as? String)?.isEmpty == false })

        let text = try await workspace.pipeline(["plan", "p.yaml"], token: nil)
        #expect(text.status == 0, "\(text.transcript)")
        #expect(
            text.standardOutput.contains(
                "prices from settings.prices (not the catalog): kling-3.0 at 720p 40/s +20 audio (2 tasks)"),
            "\(text.standardOutput)")
        #expect(text.standardOutput.contains("  300 credits (settings.prices)"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("600 credits estimated"), "\(text.standardOutput)")
    }

    @Test("bad settings.prices entries are errors at file:line:column")
    func badOverridesAreErrorsAtTheirPlace() async throws {
        let workspace = try PipelineWorkspace("prices-bad")
        defer { workspace.remove() }
        try workspace.write(
            "p.yaml",
            """
            version: 1
            settings:
              prices:
                ltx-2.6: { 480p: 20 }
                ltx-2.5:
                  540p: 20
                  4k: 20
                  480p: -3
                  720p: 12.5
                  1080p: 1e20
                default: { 720p: 10 }
                wan-2.2: { 720p: { per_second: 10, audio_per_second: 5 } }
                kling-3.0: { 720p: { audio_per_second: 5 }, 1080p: { per_second: 0 }, 4k: { per_second: 1, sound: 2 } }
            stages:
              clips:
                uses: magic_hour.image_to_video
                with: { image: https://example.com/a.png, end_seconds: 5, model: kling-3.0 }

            """)
        let result = try await workspace.pipeline(["validate", "p.yaml"], token: nil)
        #expect(result.status == 2, "\(result.transcript)")
        let expected = [
            "p.yaml:4:5: error: unknown model 'ltx-2.6' in prices",
            "p.yaml:6:7: error: unknown resolution '540p' in prices.ltx-2.5",
            "p.yaml:7:7: error: ltx-2.5 renders 480p, 720p, 1080p, not 4k",
            "p.yaml:8:13: error: 'prices.ltx-2.5.480p' must be from 1 to 100000 credits per second, got -3",
            "p.yaml:9:13: error: 'prices.ltx-2.5.720p' must be a whole number",
            "p.yaml:10:14: error: 'prices.ltx-2.5.1080p' is out of range",
            "p.yaml:11:5: error: 'default' is the server's choice and has no price of its own",
            "p.yaml:12:58: error: wan-2.2 has no audio: 'audio_per_second' never applies",
            "p.yaml:13:24: error: 'prices.kling-3.0.720p' has no 'per_second'",
            "p.yaml:13:70: error: 'prices.kling-3.0.1080p.per_second' must be from 1 to 100000 credits per second, got 0",
            "p.yaml:13:96: error: unknown key 'sound' in prices.kling-3.0.4k",
        ]
        for line in expected { #expect(result.standardError.contains(line), "\(line)\n\(result.standardError)") }
        // The hints ("did you mean 'ltx-2.5'?", the models `default` resolves to) are checked by the
        // fixtures 85-prices-unknown-model and 86-prices-default of PipelineLanguageTests.
    }

    @Test("default plans, reserves and is charged as kling-3.0 on a paid tier and ltx-2.5 on the free tier")
    func defaultIsTheTiersModel() async throws {
        let workspace = try PipelineWorkspace("prices-default")
        defer { workspace.remove() }
        // Offline: `--tier`, else `settings.tier`, else a paid tier.
        try workspace.write("p.yaml", Self.clips(model: nil))
        for (flags, total) in [([String](), 480), (["--tier", "pro"], 480)] {
            let plan = try await Self.plan(workspace, flags)
            #expect(plan["total_credits"] as? Int == total, "\(flags)")  // 2 × 5 s × 48 (kling-3.0, 720p)
            let models = plan["models"] as? [[String: Any]] ?? []
            #expect(models.first?["resolved_model"] as? String == "kling-3.0", "\(flags): \(models)")
        }
        let free = try await Self.plan(workspace, ["--tier", "free"])
        #expect((free["models"] as? [[String: Any]])?.first?["resolved_model"] as? String == "ltx-2.5")
        #expect(free["unpriced_tasks"] as? Int == 2, "ltx-2.5 has no published price")
        let priced = ["tier: free", "prices:", "    ltx-2.5:", "      720p: 50"]
        try workspace.write("p.yaml", Self.clips(model: nil, settings: priced))
        let settingsTier = try await Self.plan(workspace)
        #expect(settingsTier["tier"] as? String == "free" && settingsTier["total_credits"] as? Int == 500)
        #expect(Self.tasks(settingsTier).allSatisfy { $0["price_source"] as? String == "settings.prices" })
        let flagWins = try await Self.plan(workspace, ["--tier", "creator"])
        #expect(flagWins["tier"] as? String == "creator" && flagWins["total_credits"] as? Int == 480)

        // With a key the account's tier decides, and the fake charges what the plan estimated.
        try workspace.write("p.yaml", Self.clips(model: nil, settings: ["prices:", "    ltx-2.5:", "      720p: 50"]))
        for (tier, each) in [("pro", 5 * 48), ("free", 5 * 50)] {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--tier", tier])
            defer { fake.stop() }
            try? FileManager.default.removeItem(atPath: workspace.path(".pipeline"))
            let run = try await workspace.pipeline(
                ["run", "p.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
            #expect(run.status == 0, "\(tier): \(run.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 2 && stats.creditsCharged == 2 * each, "\(tier): \(stats)")
            let ledger = try await Self.ledger(workspace)
            #expect(ledger.count == 2 && ledger.allSatisfy { $0.estimated == each && $0.charged == each }, "\(tier)")
        }
    }
}
