import Foundation
import Testing

extension EngineAcceptanceTests {
    /// A cache entry counts only where the task's plan puts its files; paid work is never bought
    /// again to put it somewhere else.
    @Suite(.timeLimit(.minutes(3)))
    struct OutputPlacementTests {
        @Test("a second pipeline with the same stages writes its own outputs and buys nothing")
        func secondPipelineWritesItsOwnOutputs() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("place-two")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", output: "out-a", count: 2))
            try workspace.write("b.yaml", LedgerPipelines.takes(name: "b", output: "out-b", count: 2))
            let a = try await workspace.pipeline(["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(a.status == 0, "\(a.transcript)")
            let b = try await workspace.pipeline(["run", "b.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(b.status == 0, "\(b.transcript)")
            #expect(try await fake.stats().creates == 2)
            #expect(b.summaryCount("done") == 4, "the downloads and renames of b ran: \(b.transcript)")
            for index in 1...2 {
                #expect(workspace.exists("out-b/take-\(index).mp4"), "\(workspace.listing("out-b"))")
            }
            #expect(workspace.contents("out-a/take-1.mp4") == workspace.contents("out-b/take-1.mp4"))
        }

        @Test("moving output_dir redoes the local work in the new folder and buys nothing")
        func movedOutputFolder() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("place-move")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", output: "old", count: 2))
            let first = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", output: "new", count: 2))
            let moved = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(moved.status == 0, "\(moved.transcript)")
            #expect(workspace.exists("new/take-1.mp4") && workspace.exists("new/take-2.mp4"), "\(moved.transcript)")
            #expect(try await fake.stats().creates == 2)
            let plan = try await workspace.pipeline(["plan", "a.yaml"], token: nil)
            #expect(!plan.standardOutput.contains("to run"), "\(plan.transcript)")
        }

        @Test("changing a rename's target renames again from the cached download")
        func changedRenameTarget() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("place-rename")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", LedgerPipelines.takes(name: "a", count: 2))
            let first = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            try workspace.write(
                "a.yaml", LedgerPipelines.takes(name: "a", count: 2, renameTo: "final/clip-${{ item.stem }}.mp4"))
            let renamed = try await workspace.pipeline(
                ["run", "a.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(renamed.status == 0, "\(renamed.transcript)")
            #expect(workspace.exists("out/final/clip-1.mp4") && workspace.exists("out/final/clip-2.mp4"))
            #expect(try await fake.stats().creates == 2)
        }

        @Test("byte-identical photos are each cached: a re-run does nothing")
        func duplicateInputsAreAllCached() async throws {
            let workspace = try PipelineWorkspace("place-dupes")
            defer { workspace.remove() }
            for name in ["a.png", "b.png", "c.png"] { try workspace.addImage("products/backpack.png", as: name) }
            try workspace.write(
                "thumbs.yaml", LedgerPipelines.thumbs)
            let first = try await workspace.pipeline(["run", "thumbs.yaml"], token: nil)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(first.summaryCount("done") == 3)
            for _ in 0..<2 {
                let again = try await workspace.pipeline(["run", "thumbs.yaml"], token: nil)
                #expect(again.status == 0, "\(again.transcript)")
                #expect(again.summaryCount("done") == 0, "\(again.transcript)")
                #expect(again.summaryCount("cached") == 3, "\(again.transcript)")
            }
        }
    }
}
