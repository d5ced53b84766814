import Foundation
import PipelineLanguage
import Testing

/// The pipelines users run first must validate and plan as documented.
@Suite struct ExamplePipelineTests {
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.pipelines)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { TestPaths.pipelines + "/" + $0 }
    }()

    @Test func examplesExist() {
        #expect(Self.files.count >= 3)
    }

    @Test(arguments: files)
    func exampleValidatesAndPlans(_ file: String) throws {
        let compilation = PipelineCompiler().compile(file: file, options: PlanOptions(computeCacheKeys: true))
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let plan = try #require(compilation.plan)
        #expect(!plan.tasks.isEmpty)
        #expect(plan.tasks.allSatisfy { $0.cacheKey.count == 64 })
    }

    /// PRODUCT.md's example is the contract: 3 photos → 3 thumbs → 9 clips → 9 files → 9 names.
    @Test func productLaunchPlansExactlyAsTheBriefSays() throws {
        let compilation = PipelineCompiler().compile(
            file: TestPaths.pipelines + "/product-launch.yaml", options: PlanOptions(computeCacheKeys: true))
        let plan = try #require(compilation.plan)
        #expect(plan.stages.map(\.name) == ["thumbs", "clips", "files", "final"])
        #expect(plan.stages.map(\.taskIDs.count) == [3, 9, 9, 9])
        // ltx-2.3 previews at 24 and 48 credits/s, kling-3.0 at 72 credits/s for 1080p.
        #expect(plan.totalCredits == 3 * (120 + 240 + 360))
        let models = plan.tasks.filter { $0.stage == "clips" }.map { $0.parameters["model"]?.stringValue ?? "" }
        #expect(Set(models) == ["ltx-2.3", "kling-3.0"])
        #expect(plan.edgeCount == 27)
        let finals = plan.tasks.filter { $0.stage == "final" }.compactMap(\.outputPath).sorted()
        #expect(finals.first == "out/product-launch/backpack-1080p.mp4")
        #expect(finals.contains("out/product-launch/watch-480p.mp4"))
        // Linked task to task: every download waits for exactly its own clip.
        for task in plan.tasks where task.stage == "files" {
            #expect(task.dependencies.count == 1)
            let clip = try #require(plan.task(id: task.dependencies[0]))
            #expect(clip.stage == "clips")
            #expect(clip.matrix == task.matrix)
        }
        #expect(compilation.pipeline?.schedule?.overlap == .skip)
        #expect(compilation.pipeline?.settings.budgetCredits == 5000)
    }
}
