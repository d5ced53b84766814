import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EngineAcceptanceTests {
    /// One claim per paid job, whoever asks: two pipelines, two paths to one store, `--force`.
    @Suite(.timeLimit(.minutes(3)))
    struct ClaimTests {
        static let count = 6

        /// Starts both commands together and waits for both.
        static func together(
            _ first: [String], _ second: [String], in workspace: PipelineWorkspace, token: String
        ) async throws -> (Spawned.Result, Spawned.Result) {
            let environment = PipelineWorkspace.environment(token: token)
            let a = try await Spawned.pipeline(first, in: workspace.directory, environment: environment)
            let b = try await Spawned.pipeline(second, in: workspace.directory, environment: environment)
            return (try await a.finish(timeout: 90), try await b.finish(timeout: 90))
        }

        @Test("two pipelines in one folder with the same paid tasks, started together, pay once")
        func twoPipelinesPayOnce() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("claim-two")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", output: "out-a", count: Self.count))
            try workspace.write("b.yaml", LedgerPipelines.takes(name: "b", output: "out-b", count: Self.count))
            let (a, b) = try await Self.together(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], ["run", "b.yaml", "--api-base-url", fake.baseURL],
                in: workspace, token: fake.token)
            #expect(a.status == 0, "\(a.transcript)")
            #expect(b.status == 0, "\(b.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == Self.count, "paid \(stats.creates) times for \(Self.count) tasks")
            // Whoever waited said so, and both runs' credits add up to what the fake charged.
            let spent = (a.creditsSpent ?? -1) + (b.creditsSpent ?? -1)
            #expect(spent == stats.creditsCharged, "\(a.transcript)\n\(b.transcript)")
            let both = a.allOutput + b.allOutput
            #expect(both.contains("is creating this paid job") || both.contains(", created by run "), "\(both)")
            for folder in ["out-a", "out-b"] {
                for index in 1...Self.count {
                    let data = try #require(
                        workspace.contents("\(folder)/take-\(index).mp4"), "\(folder)/take-\(index)")
                    #expect(data[4..<8].elementsEqual("ftyp".utf8))
                }
            }
        }

        @Test("one pipeline run twice at once through two paths to the same store pays once")
        func twoStatePathsPayOnce() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("claim-paths")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: Self.count))
            try FileManager.default.createDirectory(atPath: workspace.path("real"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: workspace.path("alias"), withDestinationPath: "real")
            let (a, b) = try await Self.together(
                ["run", "a.yaml", "--api-base-url", fake.baseURL, "--state", "real/state.db"],
                ["run", "a.yaml", "--api-base-url", fake.baseURL, "--state", "alias/state.db"],
                in: workspace, token: fake.token)
            // The two paths name one store and one lock: one run works, the other skips (exit 3).
            #expect(Set([a.status, b.status]) == [0, 3], "\(a.transcript)\n\(b.transcript)")
            #expect(try await fake.stats().creates == Self.count)
            // And a claim holds even where locks cannot tell (two pipelines, same tasks, same store).
            try workspace.write("b.yaml", LedgerPipelines.takes(name: "b", output: "out-b", count: Self.count))
            let again = try await workspace.pipeline(
                ["run", "b.yaml", "--api-base-url", fake.baseURL, "--state", "alias/state.db"], token: fake.token)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(try await fake.stats().creates == Self.count)
        }

        @Test("--force in two runs at once buys each task once more, not twice")
        func forcedRunsPayOnceMore() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("claim-force")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", output: "out-a", count: Self.count))
            try workspace.write("b.yaml", LedgerPipelines.takes(name: "b", output: "out-b", count: Self.count))
            let first = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(try await fake.stats().creates == Self.count)
            let (a, b) = try await Self.together(
                ["run", "a.yaml", "--force", "--api-base-url", fake.baseURL],
                ["run", "b.yaml", "--force", "--api-base-url", fake.baseURL], in: workspace, token: fake.token)
            #expect(a.status == 0, "\(a.transcript)")
            #expect(b.status == 0, "\(b.transcript)")
            #expect(try await fake.stats().creates == 2 * Self.count, "\(a.transcript)\n\(b.transcript)")
        }
    }
}

extension Spawned.Result {
    /// The credits of the summary line (`…; N credits spent in …`).
    var creditsSpent: Int? {
        guard let line = standardOutput.split(separator: "\n").last(where: { $0.contains(" credits spent") }),
            let range = line.range(of: " credits spent")
        else { return nil }
        let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
