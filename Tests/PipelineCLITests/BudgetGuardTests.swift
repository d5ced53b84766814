import Foundation
import Testing

extension EngineAcceptanceTests {
    /// Credits reserved in the state store before every paid create: with many creates in flight,
    /// several runs, or several processes sharing one store, no limit is ever passed.
    @Suite(.timeLimit(.minutes(4)))
    struct BudgetGuardTests {
        /// `count` paid clips of one image at 480p, 5 s, `model` (none: the default).
        static func clips(
            name: String, count: Int, model: String? = nil, prompt: String = "take", settings: [String] = []
        ) -> String {
            let values = (1...count).map(String.init).joined(separator: ", ")
            return """
                version: 1
                name: \(name)
                settings:
                  output_dir: out
                  max_parallel: 20
                \(settings.map { "  " + $0 }.joined(separator: "\n"))
                inputs:
                  shots:
                    values: [\(values)]
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: ${{ inputs.shots }}
                    with:
                      image: assets/one.png
                      end_seconds: 5
                      resolution: 480p
                \(model.map { "      model: \($0)" } ?? "")
                      prompt: "\(prompt) ${{ item }}"

                """
        }

        static func workspace(_ label: String, _ yaml: String) throws -> PipelineWorkspace {
            let workspace = try PipelineWorkspace(label)
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("p.yaml", yaml)
            return workspace
        }

        @Test("20 creates in flight, a daily budget that fits 7: exactly 7 are created, the rest refused, exit 5")
        func dailyBudgetUnderConcurrency() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--create-delay", "0.3"])
            defer { fake.stop() }
            let workspace = try Self.workspace(
                "budget-daily",
                Self.clips(name: "daily", count: 20, model: "ltx-2.3", settings: ["budget: { daily: 840 }"]))
            defer { workspace.remove() }
            let plan = try await workspace.pipeline(["plan", "p.yaml", "--format", "json"], token: nil)
            #expect(BalanceTests.creditsToSpend(plan.standardOutput) == 2400, "\(plan.transcript)")

            let run = try await workspace.pipeline(
                ["run", "p.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 5, "\(run.transcript)")
            #expect(
                run.transcript.contains(
                    "settings.budget.daily: 840 of 840 credits left (0 spent, 0 reserved); this run needs 2400: creates beyond the limit will be refused"
                ), "\(run.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 7, "\(run.transcript)")
            #expect(stats.creditsCharged == 840)
            #expect((stats.maxCreatesInFlight ?? 0) > 1, "the creates did overlap")
            let refusals = run.standardError.components(
                separatedBy: "budget reached: settings.budget.daily is 840 credits")
            #expect(refusals.count - 1 == 13, "\(run.standardError)")
            #expect(run.summaryCount("done") == 7, "\(run.transcript)")

            // The plan shows what is left today; the next run today creates nothing.
            let after = try await workspace.pipeline(["plan", "p.yaml", "--summary"], token: nil)
            #expect(
                after.standardOutput.contains(
                    "settings.budget.daily: 840 credits; today: 840 spent, 0 reserved, 0 left"),
                "\(after.transcript)")
            let again = try await workspace.pipeline(
                ["run", "p.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(again.status == 5, "\(again.transcript)")
            #expect(try await fake.stats().creates == 7)
        }

        @Test("--allow-unpriced with 20 in flight reserves the ceiling, one unsettled at a time: never over budget")
        func unpricedNeverOverspends() async throws {
            // The fake charges 50 credits/s for an unpriced model: 250 per clip. The ceiling at 480p
            // is the catalog's highest 480p rate (seedance-2.5, 288/s): 1440 per clip.
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--create-delay", "0.1"])
            defer { fake.stop() }
            let workspace = try Self.workspace(
                "budget-unpriced",
                Self.clips(name: "unpriced", count: 20, model: "ltx-2.5", settings: ["budget_credits: 3000"]))
            defer { workspace.remove() }
            let refused = try await workspace.pipeline(
                ["run", "p.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(refused.status == 5, "without --allow-unpriced: \(refused.transcript)")
            #expect(try await fake.stats().creates == 0)

            let run = try await workspace.pipeline(
                ["run", "p.yaml", "--allow-unpriced", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 5, "\(run.transcript)")
            let stats = try await fake.stats()
            // After k creates 250·k is spent; another passes while 250·k + 1440 ≤ 3000: k = 0…6.
            #expect(stats.creates == 7, "\(run.transcript)")
            #expect(stats.creditsCharged == 1750 && stats.creditsCharged <= 3000)
            #expect(stats.maxCreatesInFlight == 1, "one unpriced create unsettled at a time")
            #expect(run.standardError.contains("budget reached: settings.budget_credits is 3000 credits"))
            #expect(run.standardError.contains("1440 credits (the unpriced ceiling)"), "\(run.standardError)")
        }

        @Test(
            "two pipelines, two folders, one store, one account-wide daily budget: together never over it",
            arguments: WorkerFleetTests.Ledger.underTest)
        func accountBudgetAcrossProcesses(ledger: WorkerFleetTests.Ledger) async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--create-delay", "0.2"])
            defer { fake.stop() }
            let shared = try PipelineWorkspace("budget-shared-store")
            defer { shared.remove() }
            // One SQLite file both folders name, or one PostgreSQL both "machines" reach.
            let server = ledger == .postgres ? try TestPostgres.fresh() : nil
            let state = server?.url ?? shared.path("fleet.db")
            let reach = server?.environment ?? [:]
            let settings = ["budget: { account: { daily: 1200 } }"]
            let first = try Self.workspace(
                "budget-a", Self.clips(name: "alpha", count: 20, model: "ltx-2.3", prompt: "alpha", settings: settings))
            defer { first.remove() }
            let second = try Self.workspace(
                "budget-b", Self.clips(name: "beta", count: 20, model: "ltx-2.3", prompt: "beta", settings: settings))
            defer { second.remove() }
            let arguments = ["run", "p.yaml", "--state", state, "--api-base-url", fake.baseURL]
            var runs: [Spawned] = []
            for workspace in [first, second] {
                runs.append(
                    try await Spawned.pipeline(
                        arguments, in: workspace.directory,
                        environment: PipelineWorkspace.environment(token: fake.token, extra: reach)))
            }
            var results: [Spawned.Result] = []
            for run in runs { results.append(try await run.finish()) }
            let stats = try await fake.stats()
            #expect(stats.creates == 10, "\(results.map(\.transcript))")
            #expect(stats.creditsCharged == 1200)
            #expect((stats.maxCreatesInFlight ?? 0) > 1)
            #expect(results.allSatisfy { $0.status == 5 || $0.status == 0 }, "\(results.map(\.transcript))")
            #expect(results.contains { $0.status == 5 })
            #expect(
                results.contains { $0.standardError.contains("budget reached: settings.budget.account.daily is 1200") })
            let total = results.compactMap { $0.summaryCount("done") }.reduce(0, +)
            #expect(total == 10)
        }

        @Test("max_parallel_creates bounds the creates in flight at the fake; without it they are not")
        func parallelCreatesAreBounded() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2, extraArguments: ["--create-delay", "0.3"])
            defer { fake.stop() }
            let bounded = try Self.workspace(
                "creates-bounded",
                Self.clips(name: "bounded", count: 12, model: "ltx-2.3", settings: ["max_parallel_creates: 3"]))
            defer { bounded.remove() }
            let run = try await bounded.pipeline(["run", "p.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")
            var stats = try await fake.stats()
            #expect(stats.creates == 12)
            #expect(stats.maxCreatesInFlight == 3, "\(stats)")

            let free = try Self.workspace(
                "creates-free", Self.clips(name: "free", count: 12, model: "ltx-2.3", prompt: "free"))
            defer { free.remove() }
            let other = try await free.pipeline(["run", "p.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(other.status == 0, "\(other.transcript)")
            stats = try await fake.stats()
            #expect((stats.maxCreatesInFlight ?? 0) > 3, "\(stats)")
        }
    }
}
