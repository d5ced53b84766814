import Foundation
import PipelineLanguage
import Testing

/// A task that names by path a file another task of the run writes runs after that task, or the
/// plan says why it cannot: never a paid upload of a file that is missing or a run old.
@Suite struct FileReadOrderTests {
    /// `small` resizes a photo, `named` renames it to out/hero.png, `clip` animates out/hero.png
    /// named by its path; `clipFirst` puts `clip` above the stages that write the file.
    static func pipeline(clipFirst: Bool = false, clipNeeds: String? = nil) -> String {
        let clip = """
              clip:
            \(clipNeeds.map { "    needs: [\($0)]\n" } ?? "")    uses: magic_hour.image_to_video
                with:
                  image: out/hero.png
                  end_seconds: 5
                  resolution: 480p
                  model: ltx-2.3
                  prompt: "the hero turns"
            """
        let writers = """
              small:
                uses: image.resize
                with:
                  image: photo.png
                  width: 256
              named:
                uses: rename
                for_each: ${{ stages.small }}
                with: { to: "hero.png" }
            """
        return """
            version: 1
            name: order
            settings:
              output_dir: out
            stages:
            \(clipFirst ? clip + "\n" + writers : writers + "\n" + clip)
            """
    }

    @Test func aTaskNamingAnEarlierStagesOutputByPathRunsAfterTheTaskThatWritesIt() throws {
        let folder = try TemporaryDirectory()
        try folder.write("photo.png", "first photo")
        let compilation = compile(Self.pipeline(), directory: folder.path, keys: true)
        #expect(!compilation.hasErrors, "\(compilation.errors)")
        let plan = try #require(compilation.plan)
        let clip = try #require(plan.task(id: "clip"))
        #expect(Array(clip.dependencies) == ["named"])
        // Its key follows the file's writer: a new photo is a new clip, not the cached old one.
        try folder.write("photo.png", "second photo")
        let again = try #require(compile(Self.pipeline(), directory: folder.path, keys: true).plan)
        #expect(try #require(again.task(id: "clip")).cacheKey != clip.cacheKey)
        // The stage graph and the plan's JSON say why `clip` waits for `named`.
        #expect(plan.stages.first { $0.name == "clip" }?.reads == ["named"])
        let graph = GraphRenderer(plan: plan).stages(.dot)
        #expect(graph.contains("\"named\" -> \"clip\" [label=\"reads\"];"), "\(graph)")
        var json = ""
        PlanRenderer(plan: plan, statuses: [:]).writeJSON(diagnostics: []) { json += $0 }
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let stages = try #require(object?["stages"] as? [[String: Any]])
        #expect(stages.first { $0["name"] as? String == "clip" }?["reads"] as? [String] == ["named"])
        #expect(stages.allSatisfy { $0["name"] as? String == "clip" || $0["reads"] == nil })
        // A dependency it has anyway (`needs`) is listed once, and is no `reads` edge.
        let needing = try #require(compile(Self.pipeline(clipNeeds: "named"), directory: folder.path).plan)
        #expect(Array(try #require(needing.task(id: "clip")).dependencies) == ["named"])
        #expect(needing.stages.first { $0.name == "clip" }?.reads == [])
    }

    @Test func aTaskReadingAFileAStagePlannedAfterItWritesIsRefusedWithTheFix() throws {
        let folder = try TemporaryDirectory()
        try folder.write("photo.png", "photo")
        // Not there yet: the error says where the file may come from.
        let missing = compile(Self.pipeline(clipFirst: true), directory: folder.path)
        let missingError = try #require(missing.errors.first)
        #expect(missingError.message.contains("'out/hero.png', which does not exist"), "\(missingError)")
        #expect(missingError.hint?.contains("needs:") == true, "\(missingError)")
        // There from an earlier run: the read would race with this run's write of it.
        try folder.write("out/hero.png", "last run's hero")
        let racing = compile(Self.pipeline(clipFirst: true), directory: folder.path)
        #expect(racing.errors.count == 1, "\(racing.errors)")
        let error = try #require(racing.errors.first)
        #expect(error.code == .unorderedRead)
        #expect(error.message.contains("clip reads 'out/hero.png'") && error.message.contains("task 'named'"))
        #expect(error.hint?.contains("`needs: [named]` to stage 'clip'") == true, "\(error)")
        #expect(error.location.line == 6, "\(error.location)")
        // The fix the hint gives plans, in order.
        let fixed = compile(Self.pipeline(clipFirst: true, clipNeeds: "named"), directory: folder.path)
        #expect(!fixed.hasErrors, "\(fixed.errors)")
        let plan = try #require(fixed.plan)
        #expect(Array(try #require(plan.task(id: "clip")).dependencies) == ["named"])
        #expect(plan.tasks.map(\.id).last == "clip")
    }

    @Test func aTaskReadingWhatALaterTaskOfItsOwnStageWritesIsRefused() throws {
        let folder = try TemporaryDirectory()
        try folder.write("b.png", "b")
        func stage(_ images: [String]) -> String {
            """
            version: 1
            name: same
            settings:
              output_dir: out
            stages:
              small:
                uses: image.resize
                for_each: [\(images.map { "\"\($0)\"" }.joined(separator: ", "))]
                with:
                  image: ${{ item }}
                  width: 64
            """
        }
        // Where small[b] writes; then a task before it in the same stage reads that file.
        let alone = try #require(compile(stage(["b.png"]), directory: folder.path).plan)
        let written = try #require(alone.tasks.first?.outputPath)
        try folder.write(written, "last run's output")
        let compilation = compile(stage([written, "b.png"]), directory: folder.path)
        let error = try #require(compilation.errors.first { $0.code == .unorderedRead }, "\(compilation.errors)")
        #expect(error.message.contains("reads '\(written)'"), "\(error)")
        #expect(error.message.contains("a later task of the same stage"), "\(error)")
        #expect(error.hint?.contains("its own stage") == true, "\(error)")
        // Read after it is written, the same file is that task's output, not an error.
        let after = compile(stage(["b.png", written]), directory: folder.path)
        #expect(!after.hasErrors, "\(after.errors)")
        let plan = try #require(after.plan)
        #expect(Array(plan.tasks[1].dependencies) == [plan.tasks[0].id])
    }
}
