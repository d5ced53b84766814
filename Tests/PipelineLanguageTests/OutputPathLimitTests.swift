import Foundation
import PipelineLanguage
import Testing

/// Planned outputs that cannot exist together or at all (issue 11, point 7): a file where another
/// task needs a folder, and paths over the file system's limits, are validation errors at the
/// `to:` (or the stage), not failures in the middle of a paid run.
@Suite struct OutputPathLimitTests {
    /// A resize of `a.png` and renames of its result to each of `targets`, one stage each.
    static func pipeline(renames targets: [String]) -> String {
        var text = """
            version: 1
            settings: { output_dir: out }
            stages:
              thumbs:
                uses: image.resize
                for_each: ["a.png"]
                with: { image: "${{ item }}", width: 8 }

            """
        for (index, target) in targets.enumerated() {
            text += """
                  named\(index):
                    uses: rename
                    for_each: ${{ stages.thumbs }}
                    with: { to: "\(target)" }

                """
        }
        return text
    }

    static func compileIn(_ folder: TemporaryDirectory, _ text: String) -> Compilation {
        PipelineCompiler().compile(
            source: SourceFile(path: "p.yaml", text: text), baseDirectory: folder.path,
            options: PlanOptions(computeCacheKeys: false, environment: [:]))
    }

    @Test(
        "a file where another task writes a folder is an error at the second to:, in either order",
        arguments: [
            (["x", "x/y.png"], 15), (["x/y.png", "x"], 15), (["a/b/c.png", "a/b"], 15), (["a", "a/b/c.png"], 15),
        ])
    func fileFolderCollision(targets: [String], line: Int) throws {
        let folder = try TemporaryDirectory()
        try folder.write("a.png", "png")
        let compilation = Self.compileIn(folder, Self.pipeline(renames: targets))
        let error = try #require(compilation.errors.first { $0.code == .outputCollision }, "\(compilation.diagnostics)")
        #expect(error.location.line == line)
        #expect(error.location.column == 17)
        #expect(error.message.contains("as a folder") || error.message.contains("as a file"), "\(error.message)")
        #expect(error.hint == "a path cannot be both a file and a folder: rename one of them")
    }

    @Test("sibling outputs in one folder are no collision")
    func siblingsAreFine() throws {
        let folder = try TemporaryDirectory()
        try folder.write("a.png", "png")
        let compilation = Self.compileIn(folder, Self.pipeline(renames: ["x/a.png", "x/b.png", "x/y/c.png"]))
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
    }

    @Test("a whole output path over 4,095 bytes is an error at the to:")
    func overlongPathIsAnError() throws {
        let folder = try TemporaryDirectory()
        try folder.write("a.png", "png")
        let segment = String(repeating: "d", count: 250)
        let target = Array(repeating: segment, count: 17).joined(separator: "/") + "/a.png"
        let compilation = Self.compileIn(folder, Self.pipeline(renames: [target]))
        let error = try #require(compilation.errors.first, "\(compilation.diagnostics)")
        #expect(error.code == .unsafePath)
        #expect(error.location.line == 11)
        #expect(error.location.column == 17)
        #expect(error.message.contains("bytes long, over the 4,095 bytes Linux allows"), "\(error.message)")
    }

    @Test("a generated work file name over 255 bytes (from a long source name) is an error at the stage")
    func overlongWorkFileNameIsAnError() throws {
        let folder = try TemporaryDirectory()
        let name = String(repeating: "n", count: 240) + ".png"
        try folder.write(name, "png")
        let text = """
            version: 1
            settings: { output_dir: out }
            stages:
              thumbs:
                uses: image.resize
                for_each: ["\(name)"]
                with: { image: "${{ item }}", width: 8 }

            """
        let compilation = Self.compileIn(folder, text)
        let error = try #require(compilation.errors.first, "\(compilation.diagnostics)")
        #expect(error.code == .unsafePath)
        #expect(error.location.line == 4)
        #expect(error.message.contains("a name in the output path is"), "\(error.message)")
        #expect(error.message.contains("over the 255 bytes file systems allow"), "\(error.message)")
    }
}
