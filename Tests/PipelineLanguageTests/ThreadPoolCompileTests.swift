import Foundation
import PipelineLanguage
import Testing

/// Compiling on the blocking thread pool gives what compiling in place gives: the same tasks,
/// the same cache keys (the files are hashed on the pool, several at once).
@Suite struct ThreadPoolCompileTests {
    @Test(arguments: ["gallery.yaml", "minimal.yaml", "product-launch.yaml"])
    func theExamplesPlanTheSameOnThePool(example: String) async throws {
        let file = TestPaths.pipelines + "/" + example
        let options = PlanOptions(
            computeCacheKeys: true, environment: [:], runID: "pool-run",
            runDate: Date(timeIntervalSince1970: 1_790_000_000))
        let inPlace = PipelineCompiler().compile(file: file, options: options)
        let onPool = try await PipelineCompiler().compileOnThreadPool(file: file, options: options)
        let planned = try #require(inPlace.plan, "\(inPlace.diagnostics)")
        let pooled = try #require(onPool.plan, "\(onPool.diagnostics)")
        #expect(!planned.tasks.isEmpty)
        #expect(pooled.tasks.map(\.id) == planned.tasks.map(\.id))
        #expect(pooled.tasks.map(\.cacheKey) == planned.tasks.map(\.cacheKey))
        #expect(onPool.diagnostics == inPlace.diagnostics)
    }

    @Test func aMissingFileIsADiagnosticThere() async throws {
        let compiled = try await PipelineCompiler().compileOnThreadPool(file: "/nonexistent/pipeline.yaml")
        #expect(compiled.plan == nil)
        #expect(compiled.diagnostics.map(\.message) == ["'/nonexistent/pipeline.yaml': no such file"])
    }
}
