import Foundation
import Testing

extension EngineAcceptanceTests {
    /// Two runs of one pipeline at once: the lock, `schedule.overlap`, and no duplicate projects.
    @Suite(.timeLimit(.minutes(3)))
    struct OverlapTests {
        @Test("overlap: skip — the second run exits 3 naming the holder; no duplicate projects")
        func overlapSkip() async throws {
            let fake = try await FakeAPIProcess(renderTime: 2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("skip")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write(
                "launch.yaml", AcceptancePipelines.launch(schedule: #"{ cron: "@daily", overlap: skip }"#))
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]
            let environment = PipelineWorkspace.environment(token: fake.token)

            let first = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
            // Wait until the first run has the lock and has started (its first line).
            let deadline = Date().addingTimeInterval(20)
            while !first.outputSoFar.contains(" tasks ("), first.isRunning, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let second = try await workspace.pipeline(arguments, token: fake.token)
            let firstResult = try await first.finish()
            #expect(firstResult.status == 0, "\(firstResult.transcript)")
            #expect(second.status == 3, "\(second.transcript)")
            #expect(second.standardError.contains("another run of this pipeline is in progress"))
            #expect(second.standardError.contains("pid \(first.pid)"), "\(second.transcript)")
            #expect(second.standardError.contains("on \(ProcessInfo.processInfo.hostName)"), "\(second.transcript)")
            #expect(second.standardError.contains(".lock"))
            let stats = try await fake.stats()
            #expect(stats.creates == 3)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
        }

        @Test("overlap: wait — two runs started together: the second waits, then finds everything cached")
        func overlapWait() async throws {
            let fake = try await FakeAPIProcess(renderTime: 1)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("wait")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.write(
                "launch.yaml", AcceptancePipelines.launch(schedule: #"{ cron: "@daily", overlap: wait }"#))
            let arguments = ["run", "launch.yaml", "--api-base-url", fake.baseURL]
            let environment = PipelineWorkspace.environment(token: fake.token)

            let a = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
            let b = try await Spawned.pipeline(arguments, in: workspace.directory, environment: environment)
            let resultA = try await a.finish()
            let resultB = try await b.finish()
            #expect(resultA.status == 0, "\(resultA.transcript)")
            #expect(resultB.status == 0, "\(resultB.transcript)")
            let counts = [resultA.runStartCounts, resultB.runStartCounts].compactMap { $0 }
            #expect(counts.count == 2)
            // One did the work, the other found all ten tasks cached.
            #expect(
                counts.contains { $0.toRun == 10 && $0.cached == 0 }, "\(resultA.transcript)\n\(resultB.transcript)")
            #expect(
                counts.contains { $0.cached == 10 && $0.toRun == 0 }, "\(resultA.transcript)\n\(resultB.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 3)
            #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
        }
    }
}
