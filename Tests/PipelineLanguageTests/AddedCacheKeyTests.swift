import Foundation
import PipelineLanguage
import Testing

/// `run` plans a file without cache keys first (to know which files to fingerprint), then adds
/// the keys to that plan: the keys, digests and diagnostics must be those of planning with keys.
@Suite struct AddedCacheKeyTests {
    static let options = PlanOptions(
        computeCacheKeys: true, environment: ["PIPELINE_TEST": "yes"], runID: "run-1",
        runDate: Date(timeIntervalSince1970: 1_790_000_000))

    /// The keys of planning `decoded` with keys, and of adding keys to its plan made without.
    static func bothWays(_ decoded: Compilation, options: PlanOptions = options) -> (planned: Plan?, added: Compilation)
    {
        var unkeyedOptions = options
        unkeyedOptions.computeCacheKeys = false
        unkeyedOptions.runID = "<run>"
        let unkeyed = PipelineCompiler().plan(decoded, options: unkeyedOptions)
        let planned = PipelineCompiler().plan(decoded, options: options)
        return (planned.plan, PipelineCompiler().addingCacheKeys(to: unkeyed, options: options))
    }

    static func expectSameKeys(_ planned: Plan?, _ added: Plan?, _ what: String) throws {
        let planned = try #require(planned, "\(what): no plan")
        let added = try #require(added, "\(what): no keyed plan")
        #expect(planned.tasks.count == added.tasks.count, "\(what)")
        for (one, other) in zip(planned.tasks, added.tasks) {
            #expect(one.id == other.id, "\(what)")
            #expect(!one.cacheKey.isEmpty, "\(what): \(one.id) has no key")
            #expect(one.cacheKey == other.cacheKey, "\(what): cache key of \(one.id)")
            #expect(one.inputsDigest == other.inputsDigest, "\(what): inputs digest of \(one.id)")
            #expect(one.parametersDigest == other.parametersDigest, "\(what): parameters digest of \(one.id)")
            #expect(one.parameters == other.parameters, "\(what): parameters of \(one.id)")
        }
    }

    /// KeyStabilityTests' pipeline (globs, chains of produced files, matrices, URLs, env) without
    /// its one `run.date`, so that its keys are added rather than planned again.
    @Test func keysAddedToAPlanAreThoseOfPlanningWithThem() throws {
        let directory = try TemporaryDirectory()
        for file in KeyStabilityTests.files { try directory.write("assets/" + file, "content \(file)\n") }
        let text = KeyStabilityTests.pipeline.replacingOccurrences(of: " ${{ run.date }}", with: "")
        let decoded = compile(text, directory: directory.path)
        #expect(decoded.pipeline?.readsRun == false)
        let (planned, added) = Self.bothWays(decoded)
        #expect(!added.hasErrors, "\(added.diagnostics)")
        try Self.expectSameKeys(planned, added.plan, "features without run.date")
        // Keys that do not involve the prompt are still the pinned ones of earlier versions.
        let plan = try #require(added.plan)
        for id in ["thumbs[assets/a.png]", "heroes[assets/hero-1.png]", "listed[https://example.com/a.png]", "single"] {
            let task = try #require(plan.task(id: id))
            #expect(task.cacheKey == KeyStabilityTests.pinned[id]?.key, "cache key of \(id)")
        }
    }

    @Test func everyExamplePipelineGetsTheSameKeysEitherWay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.pipelines).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(!names.isEmpty)
        for name in names.sorted() {
            let decoded = PipelineCompiler().decode(file: TestPaths.pipelines + "/" + name)
            let (planned, added) = Self.bothWays(decoded)
            #expect(!added.hasErrors, "\(name): \(added.diagnostics)")
            try Self.expectSameKeys(planned, added.plan, name)
        }
    }

    /// A pipeline that reads `run.*` is planned again: its tasks carry this run's id and date.
    @Test func aPipelineReadingTheRunIsPlannedAgain() throws {
        let text = """
            version: 1
            name: stamped
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: [https://example.com/a.png]
                with: { image: "${{ item }}", end_seconds: 5, resolution: 720p, prompt: "take ${{ run.id }}" }
            """
        let decoded = compile(text)
        #expect(decoded.pipeline?.readsRun == true)
        let (planned, added) = Self.bothWays(decoded)
        try Self.expectSameKeys(planned, added.plan, "stamped")
        #expect(added.plan?.tasks.first?.parameters["prompt"] == .string("take run-1"))
    }

    /// `if:` reading the run counts as reading it; a field named `run` of an item does not.
    @Test func readingTheRunIsFoundInConditionsNotInItemFields() {
        let condition = """
            version: 1
            name: conditional
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: [https://example.com/a.png]
                if: ${{ run.date != '' }}
                with: { image: "${{ item }}", end_seconds: 5, resolution: 720p }
            """
        #expect(compile(condition).pipeline?.readsRun == true)
        let field = condition.replacingOccurrences(of: "run.date != ''", with: "item != 'run'")
        #expect(compile(field).pipeline?.readsRun == false)
    }

    /// A file gone when the keys are added is an error, as when planning with keys (which finds it missing).
    @Test func aFileGoneBeforeTheKeysIsReportedAsWhenPlanningWithKeys() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.png", "content\n")
        let text = """
            version: 1
            name: gone
            stages:
              small:
                uses: image.resize
                with: { image: a.png, width: 10 }
            """
        let decoded = compile(text, directory: directory.path)
        var unkeyedOptions = Self.options
        unkeyedOptions.computeCacheKeys = false
        let unkeyed = PipelineCompiler().plan(decoded, options: unkeyedOptions)
        #expect(!unkeyed.hasErrors, "\(unkeyed.diagnostics)")
        try FileManager.default.removeItem(atPath: directory.path + "/a.png")
        let added = PipelineCompiler().addingCacheKeys(to: unkeyed, options: Self.options)
        let planned = PipelineCompiler().plan(decoded, options: Self.options)
        #expect(planned.hasErrors)
        #expect(added.hasErrors)
        #expect(added.errors.first?.message.contains("'a.png', which cannot be read") == true, "\(added.errors)")
    }
}
