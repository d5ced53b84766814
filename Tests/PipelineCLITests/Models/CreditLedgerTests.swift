import Foundation
import Testing

/// Estimated, charged and final credits, per task and per stage, through the CLI: a fake whose
/// projects end costing more than their create answer said (`--final-credits-factor`) drifts, and
/// `status`, `status --format json`, `runs`, `runs --format json` and `report` all say so; an
/// exact fake does not.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct CreditLedgerTests {
    static let pipeline = """
        version: 1
        name: ledger
        settings:
          output_dir: out
        stages:
          previews:
            uses: magic_hour.image_to_video
            matrix:
              seconds: [4, 8]
            with: { image: "https://example.com/a.png", model: ltx-2.3, resolution: 480p, end_seconds: "${{ matrix.seconds }}" }
          finals:
            uses: magic_hour.image_to_video
            with: { image: "https://example.com/a.png", model: kling-3.0, resolution: 1080p, end_seconds: 5, audio: true }

        """

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// Runs the pipeline against a fake with `factor` and returns the workspace (removed by the caller).
    static func run(factor: Double) async throws -> (PipelineWorkspace, FakeAPIProcess) {
        let workspace = try PipelineWorkspace("ledger")
        try workspace.write("ledger.yaml", pipeline)
        let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--final-credits-factor", "\(factor)"])
        let run = try await workspace.pipeline(
            ["run", "ledger.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
        #expect(run.status == 0, "\(run.transcript)")
        return (workspace, fake)
    }

    @Test("a final cost 5 % above the estimate is flagged per task and per stage in status, runs and the report")
    func driftIsFlaggedEverywhere() async throws {
        let (workspace, fake) = try await Self.run(factor: 1.05)
        defer {
            fake.stop()
            workspace.remove()
        }
        // previews: 4×24 + 8×24 = 96 + 192; finals: 5×(72+24) = 480; each final is ×1.05, rounded.
        let status = try await workspace.pipeline(["status", "--format", "json", "--file", "ledger.yaml"], token: nil)
        let object = try #require(try Self.json(status.standardOutput) as? [String: Any], "\(status.transcript)")
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        let expected: [String: (estimate: Int, final: Int)] = [
            "previews{seconds=4}": (96, 101), "previews{seconds=8}": (192, 202), "finals": (480, 504),
        ]
        for (id, figures) in expected {
            let task = try #require(tasks.first { $0["id"] as? String == id }, "\(id) in \(tasks)")
            #expect(task["estimated_credits"] as? Int == figures.estimate, "\(id)")
            #expect(task["charged_credits"] as? Int == figures.estimate, "\(id): the create answer is the estimate")
            #expect(task["final_credits"] as? Int == figures.final, "\(id)")
            #expect(task["credits_drift"] as? Bool == true, "\(id)")
        }
        let stages = try #require(object["credits"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == ["previews", "finals"])
        #expect(stages.map { $0["estimated_credits"] as? Int } == [288, 480])
        #expect(stages.map { $0["charged_credits"] as? Int } == [288, 480])
        #expect(stages.map { $0["final_credits"] as? Int } == [303, 504])
        #expect(stages.map { $0["drift"] as? Bool } == [true, true])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["estimated_credits"] as? Int == 768 && run["final_credits"] as? Int == 807, "\(run)")

        let text = try await workspace.pipeline(["status", "--file", "ledger.yaml"], token: nil)
        let ledger = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            ledger.contains {
                $0.range(of: #"^previews\s+2\s+288\s+288\s+303\s+above 1 %$"#, options: .regularExpression) != nil
            }, "\(text.standardOutput)")
        #expect(
            ledger.contains {
                $0.range(of: #"^finals\s+1\s+480\s+480\s+504\s+above 1 %$"#, options: .regularExpression) != nil
            }, "\(text.standardOutput)")

        let runs = try await workspace.pipeline(["runs", "ledger.yaml"], token: nil)
        let rows = runs.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows[1].range(of: #"768\s+768\*$"#, options: .regularExpression) != nil, "\(runs.standardOutput)")
        #expect(runs.standardOutput.contains("* charged or final credits drift above 1 %"), "\(runs.standardOutput)")
        let runsJSON = try #require(
            try Self.json(
                try await workspace.pipeline(["runs", "ledger.yaml", "--format", "json"], token: nil).standardOutput)
                as? [[String: Any]])
        #expect(runsJSON.first?["credits_drift"] as? Bool == true)
        #expect((runsJSON.first?["credits_by_stage"] as? [[String: Any]])?.count == 2)

        let report = try await workspace.pipeline(["report", "ledger.yaml", "-o", "ledger.html"], token: nil)
        #expect(report.status == 0, "\(report.transcript)")
        let html = try String(contentsOfFile: workspace.path("ledger.html"), encoding: .utf8)
        #expect(
            html.contains("<td class=\"number estimated\">288</td><td class=\"number charged\">288</td>"), "per stage")
        #expect(html.contains("<td class=\"number final\">303</td>"))
        #expect(html.contains("<td class=\"drift drifted\">above 1 %</td>"))
        // Per task: the finals task's estimate, charge and final cost.
        #expect(
            html.contains(
                "<td class=\"number estimated\">480</td><td class=\"number charged\">480</td><td class=\"number final\">504</td>"
            ))
        #expect(html.contains("3 paid tasks: estimated, charged and final credits (3 drift above 1 %)"))
    }

    @Test("an exact fake: estimate, charge and final agree and nothing is flagged")
    func noDriftWhenTheFiguresAgree() async throws {
        let (workspace, fake) = try await Self.run(factor: 1)
        defer {
            fake.stop()
            workspace.remove()
        }
        let text = try await workspace.pipeline(["status", "--file", "ledger.yaml"], token: nil)
        #expect(
            text.standardOutput.contains("credits: estimated 768, charged 768, final 768\n"), "\(text.standardOutput)")
        #expect(!text.standardOutput.contains("above 1 %"))
        let runs = try await workspace.pipeline(["runs", "ledger.yaml"], token: nil)
        #expect(!runs.standardOutput.contains("*"), "\(runs.standardOutput)")
        let report = try await workspace.pipeline(["report", "ledger.yaml", "-o", "ledger.html"], token: nil)
        #expect(report.status == 0)
        let html = try String(contentsOfFile: workspace.path("ledger.html"), encoding: .utf8)
        #expect(!html.contains("drift drifted"))
        #expect(html.contains("3 paid tasks: estimated, charged and final credits</summary>"))
    }

    @Test("with a key, plan shows credits per model and the account's balance against the credits to spend")
    func planShowsModelsAndBalance() async throws {
        let workspace = try PipelineWorkspace("ledger-plan")
        defer { workspace.remove() }
        try workspace.write("ledger.yaml", Self.pipeline)
        let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--balance", "700", "--tier", "pro"])
        defer { fake.stop() }
        let plan = try await workspace.pipeline(
            ["plan", "ledger.yaml", "--summary", "--api-base-url", fake.baseURL], token: fake.token)
        #expect(plan.status == 0, "\(plan.transcript)")
        let lines = plan.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.range(of: #"^ltx-2.3\s+2\s+288$"#, options: .regularExpression) != nil },
            "\(plan.standardOutput)")
        #expect(lines.contains { $0.range(of: #"^kling-3.0\s+1\s+480$"#, options: .regularExpression) != nil })
        #expect(
            plan.standardOutput.contains(
                "balance: 700 credits (pro tier); this plan needs 768: 68 short: a run would be refused"),
            "\(plan.standardOutput)")
        let json = try await workspace.pipeline(
            ["plan", "ledger.yaml", "--format", "json", "--api-base-url", fake.baseURL], token: fake.token)
        let object = try #require(try Self.json(json.standardOutput) as? [String: Any], "\(json.transcript)")
        #expect(object["balance"] as? Int == 700)
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["ltx-2.3", "kling-3.0"])
        #expect(models.map { $0["credits"] as? Int } == [288, 480])
        // Without a key: no account is read and no balance shown.
        let offline = try await workspace.pipeline(["plan", "ledger.yaml", "--summary"], token: nil)
        #expect(!offline.standardOutput.contains("balance:"))
        #expect(try await fake.stats().requestsPerRoute["GET /v1/account"] == 2)
    }
}
