import Foundation
import Testing

extension EngineAcceptanceTests {
    /// `run --simulate` keeps the simulated API's projects, uploads and balance in
    /// `.pipeline/simulated-api/` beside the state store, so that a second run resumes and
    /// downloads again exactly as against the real API.
    @Suite(.timeLimit(.minutes(3)))
    struct SimulatedAPITests {
        @Test("a second --simulate run after `cache forget --all` buys nothing and downloads every file again")
        func simulationRemembersItsProjects() async throws {
            let workspace = try PipelineWorkspace("simulate-remembers")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 2))
            let run = ["run", "a.yaml", "--simulate"]
            let first = try await workspace.pipeline(run, token: nil)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(first.creditsSpent == 240, "\(first.transcript)")
            #expect(workspace.exists(".pipeline/simulated-api/account.json"))

            let forget = try await workspace.pipeline(["cache", "forget", "--all", "a.yaml"], token: nil)
            #expect(forget.status == 0, "\(forget.transcript)")
            try FileManager.default.removeItem(atPath: workspace.path("out"))
            let second = try await workspace.pipeline(run, token: nil)
            #expect(second.status == 0, "\(second.transcript)")
            #expect(second.creditsSpent == 0, "\(second.transcript)")
            #expect(!second.allOutput.contains("no longer knows it"), "\(second.transcript)")
            for index in 1...2 {
                #expect(workspace.exists("out/take-\(index).mp4"), "\(second.transcript)")
            }

            // An account that forgot everything: the recorded projects are reported gone, as a
            // real 404 would be, and nothing is bought again silently.
            try FileManager.default.removeItem(atPath: workspace.path(".pipeline/simulated-api"))
            let forgetAgain = try await workspace.pipeline(["cache", "forget", "--all", "a.yaml"], token: nil)
            #expect(forgetAgain.status == 0, "\(forgetAgain.transcript)")
            let third = try await workspace.pipeline(run, token: nil)
            #expect(third.status != 0, "\(third.transcript)")
            #expect(third.allOutput.contains("no longer knows it"), "\(third.transcript)")
            #expect((third.creditsSpent ?? 0) == 0, "\(third.transcript)")
        }

        @Test("`fake-api --state-dir` keeps its projects across a restart")
        func fakeAPIStateDirectory() async throws {
            let workspace = try PipelineWorkspace("fake-state-dir")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 1))
            let folder = workspace.path("fake-state")
            var fake = try await FakeAPIProcess(renderTime: 0.3, extraArguments: ["--state-dir", folder])
            defer { fake.stop() }
            let first = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            try await fake.stopped()
            fake = try await FakeAPIProcess(renderTime: 0.3, extraArguments: ["--state-dir", folder])
            let forget = try await workspace.pipeline(["cache", "forget", "--all", "a.yaml"], token: nil)
            #expect(forget.status == 0, "\(forget.transcript)")
            try FileManager.default.removeItem(atPath: workspace.path("out"))
            let second = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(second.status == 0, "\(second.transcript)")
            #expect(second.creditsSpent == 0, "\(second.transcript)")
            #expect(try await fake.stats().creates == 0)
            #expect(workspace.exists("out/take-1.mp4"), "\(second.transcript)")
        }

        /// A timestamped run line: `… retry: REQUEST: MESSAGE (attempt N, next in 1.0s)`.
        static let retryLine =
            #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) retry: "#
            + #".+ \(attempt \d+(, next in \d+\.\ds)?\)$"#

        @Test("retries are told in the run's own line format, with rounded delays")
        func retriesInTheRunsFormat() async throws {
            // One request in five answered 429: retries are all but certain (about 25 requests), and a
            // request failing all 5 of the client's attempts is not (0.2^5 each; at 0.5 it was 3 %).
            let fake = try await FakeAPIProcess(renderTime: 0.3, extraArguments: ["--rate-limited", "0.2"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("retry-lines")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 2))
            let run = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token,
                extraEnvironment: ["PIPELINE_BACKOFF_SCALE": "0.05"])
            #expect(run.status == 0, "\(run.transcript)")
            let retries = run.standardOutput.split(separator: "\n").filter { $0.contains(" retry: ") }
            #expect(!retries.isEmpty, "\(run.transcript)")
            for line in retries {
                #expect(
                    line.range(
                        of: Self.retryLine,
                        options: .regularExpression) != nil, "\(line)")
            }
            #expect(!run.allOutput.contains("notice magic-hour"), "\(run.transcript)")
            #expect(!run.allOutput.contains(" seconds"), "\(run.transcript)")
        }
    }
}
