import Foundation
import PipelineLanguage
import Testing

/// A stage's tasks are drafted in parts on every core and taken in order: the plan is the one
/// planning task by task gives, across part and run boundaries (issue 15).
@Suite struct ParallelDraftingTests {
    /// 2 × 9,000 tasks: more than a run (8,192) and many parts (1,024) of drafts.
    static let itemCount = 9_000

    static func clips(items: [Int]) -> String {
        """
        version: 1
        name: many
        stages:
          clips:
            uses: magic_hour.image_to_video
            for_each: [\(items.map(String.init).joined(separator: ", "))]
            matrix:
              resolution: [480p, 720p]
            with:
              image: "https://example.com/${{ item }}.png"
              model: ltx-2.3
              end_seconds: 5
              resolution: ${{ matrix.resolution }}
              prompt: "clip ${{ item }}"
        """
    }

    /// Tasks come in the order of their items and cells, and each is the task a plan of its item
    /// alone gives (id, parameters, key, credits), at the edges of parts and runs too.
    @Test func tasksKeepTheirOrderAndAreThoseOfTheirItemPlannedAlone() throws {
        let compilation = compile(Self.clips(items: Array(0..<Self.itemCount)), keys: true)
        #expect(!compilation.hasErrors, "\(compilation.errors.prefix(3))")
        let plan = try #require(compilation.plan)
        #expect(plan.tasks.count == 2 * Self.itemCount)
        for (position, task) in plan.tasks.enumerated() {
            let resolution = position % 2 == 0 ? "480p" : "720p"
            guard task.id == "clips[\(position / 2)]{resolution=\(resolution)}" else {
                Issue.record("task \(position) is \(task.id)")
                return
            }
        }
        #expect(plan.stages.first?.taskIDs == plan.tasks.map(\.id))
        #expect(Set(plan.tasks.map(\.cacheKey)).count == plan.tasks.count)
        // Items on each side of part (1,024 tasks = 512 items) and run (8,192 = 4,096) edges.
        for item in [0, 511, 512, 513, 4_095, 4_096, 4_097, Self.itemCount - 1] {
            let alone = try #require(compile(Self.clips(items: [item]), keys: true).plan)
            for (cell, task) in alone.tasks.enumerated() {
                let planned = plan.tasks[2 * item + cell]
                #expect(planned.id == task.id)
                #expect(planned.cacheKey == task.cacheKey, "\(task.id)")
                #expect(planned.parameters.dictionary == task.parameters.dictionary, "\(task.id)")
                #expect(planned.credits == task.credits && planned.credits > 0)
            }
        }
    }

    /// A task naming a file that an earlier task of its own stage writes reads that task's
    /// output (keyed by it, and no "does not exist" error), though a worker drafting it could not
    /// see the earlier task: the draft is made again once that task is in the plan.
    @Test func aFileAnEarlierTaskOfTheStageWritesIsThatTasksOutput() throws {
        let directory = try TemporaryDirectory()
        // `000` alone, then pairs: `NNNN` writes out/chain/NNNNy.png, which `NNNNy` reads.
        var stems = ["000"]
        for index in 0..<1_100 { stems += [String(format: "%04d", index), String(format: "%04dy", index)] }
        for stem in stems { try directory.write("photos/\(stem).png", "photo \(stem)\n") }
        for stem in stems where !stem.hasSuffix("y") { try directory.write("out/chain/\(stem).png", "start \(stem)\n") }
        let text = """
            version: 1
            name: chain
            settings: { output_dir: out }
            inputs:
              photos: { glob: "photos/*.png" }
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 10 }
              chain:
                uses: rename
                for_each: ${{ stages.thumbs }}
                with:
                  from: "out/chain/${{ item.stem }}.png"
                  to: "chain/${{ item.stem }}y.png"
            """
        let compilation = compile(text, directory: directory.path, keys: true)
        #expect(!compilation.hasErrors, "\(compilation.errors.prefix(3))")
        let plan = try #require(compilation.plan)
        let chain = plan.tasks.filter { $0.stage == "chain" }
        #expect(chain.count == stems.count)
        let byStem = Self.byStem(chain)
        #expect(byStem.count == stems.count)
        // A reader's input is its writer's output: it changes when (only) the writer's key does.
        let readers = stems.filter { $0.hasSuffix("y") }
        #expect(Set(readers.compactMap { byStem[$0]?.inputsDigest }).count == readers.count)
        let writers = stems.filter { !$0.hasSuffix("y") && $0 != "000" }
        #expect(Set(writers.compactMap { byStem[$0]?.inputsDigest }).count == writers.count)
        let again = try #require(compile(text, directory: directory.path, keys: true).plan)
        #expect(again.tasks.map(\.cacheKey) == plan.tasks.map(\.cacheKey))
        // Keys added (in parts) to the plan made without them are the same keys.
        let unkeyed = compile(text, directory: directory.path)
        #expect(!unkeyed.hasErrors, "\(unkeyed.errors.prefix(3))")
        let added = PipelineCompiler().addingCacheKeys(
            to: unkeyed,
            options: PlanOptions(
                computeCacheKeys: true, environment: ["PIPELINE_TEST": "yes"], runID: "test-run",
                runDate: Date(timeIntervalSince1970: 1_790_000_000)))
        #expect(!added.hasErrors, "\(added.errors.prefix(3))")
        #expect(added.plan?.tasks.map(\.cacheKey) == plan.tasks.map(\.cacheKey))
        try directory.write("out/chain/0600.png", "changed\n")
        let changed = try #require(compile(text, directory: directory.path, keys: true).plan)
        let changedChain = Self.byStem(changed.tasks.filter { $0.stage == "chain" })
        for stem in stems {
            let moved = changedChain[stem]?.cacheKey != byStem[stem]?.cacheKey
            #expect(moved == (stem == "0600" || stem == "0600y"), "\(stem)")
        }
    }

    /// Tasks of `chain[photos/STEM.png]` by stem.
    static func byStem(_ tasks: [PlannedTask]) -> [String: PlannedTask] {
        Dictionary(
            uniqueKeysWithValues: tasks.map { task in
                (String(task.id.dropFirst("chain[photos/".count).dropLast(".png]".count)), task)
            })
    }

    /// A file that cannot be read is reported once, by the first task naming it, though tasks
    /// in other parts name it too (here spelled another way, which makes another message).
    @Test func anUnreadableFileIsReportedOnceAcrossParts() throws {
        let directory = try TemporaryDirectory()
        // A regular file whose reads fail: the kernel's view of a process's memory.
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/bad.png", withDestinationPath: "/proc/self/mem")
        let items = (1...3_000).map { width in
            "{ file: \(width <= 1_024 ? "bad.png" : directory.path + "/bad.png"), width: \(width) }"
        }
        let text = """
            version: 1
            name: unreadable
            stages:
              small:
                uses: image.resize
                for_each: [\(items.joined(separator: ", "))]
                with: { image: "${{ item.file }}", width: "${{ item.width }}" }
            """
        let compilation = compile(text, directory: directory.path, keys: true)
        let unreadable = compilation.errors.filter { $0.message.contains("which cannot be read") }
        #expect(unreadable.map(\.message) == ["'image' names 'bad.png', which cannot be read"])
        #expect(compilation.errors.count == 1, "\(compilation.errors.prefix(3))")
    }

    /// Errors of tasks in every part are all reported, each at its task.
    @Test func errorsOfEveryPartAreReported() {
        let text = """
            version: 1
            name: wide
            stages:
              small:
                uses: image.resize
                for_each: [\((1...2_500).map(String.init).joined(separator: ", "))]
                with: { image: "missing-${{ item }}.png", width: 10 }
            """
        let compilation = compile(text, directory: TestPaths.fixtures, keys: true)
        #expect(compilation.errors.count == 2_500)
        #expect(compilation.errors.last?.message.contains("'missing-2500.png', which does not exist") == true)
    }
}
