import Foundation
import PipelineLanguage
import Testing

/// Globs that must end and must not match what cannot be read (issue 11, points 4 and 5).
@Suite struct GlobSafetyTests {
    @Test("** does not follow folder links (loops end, each file once); links named by other segments are followed")
    func globStarSkipsFolderLinks() throws {
        let folder = try TemporaryDirectory()
        try folder.write("assets/a.png", "a")
        try folder.write("assets/deep/b.png", "b")
        try folder.write("elsewhere/c.png", "c")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.path + "/assets/l1", withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: folder.path + "/assets/l2", withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: folder.path + "/assets/deep/up", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: folder.path + "/assets/other", withDestinationPath: "../elsewhere")
        try manager.createSymbolicLink(atPath: folder.path + "/assets/link.png", withDestinationPath: "a.png")
        #expect(
            Glob("assets/**/*.png").files(in: folder.path) == ["assets/a.png", "assets/deep/b.png", "assets/link.png"])
        #expect(Glob("assets/other/*.png").files(in: folder.path) == ["assets/other/c.png"])
        #expect(Glob("assets/*/*.png").files(in: folder.path).contains("assets/l1/a.png"))
    }

    @Test("a FIFO never matches a glob, and a files: entry that is one is an error")
    func fifosAreNotFiles() throws {
        let folder = try TemporaryDirectory()
        try folder.write("in/a.png", "a")
        #expect(mkfifo(folder.path + "/in/b.png", 0o600) == 0)
        #expect(Glob("in/*.png").files(in: folder.path) == ["in/a.png"])
        let text = """
            version: 1
            inputs:
              photos: { files: [in/a.png, in/b.png] }
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 8 }

            """
        let compilation = PipelineCompiler().compile(
            source: SourceFile(path: "p.yaml", text: text), baseDirectory: folder.path,
            options: PlanOptions(computeCacheKeys: true, environment: [:]))
        let error = try #require(compilation.errors.first, "\(compilation.diagnostics)")
        #expect(error.message == "file 'in/b.png' is not a regular file")
        #expect(error.location.line == 3)
    }

    @Test("the folder a glob starts from is the part before its first wildcard")
    func literalFolders() {
        #expect(Glob("incoming/today/*.png").literalFolders == ["incoming/today"])
        #expect(Glob("**/*.png").literalFolders == [""])
        #expect(Glob("photo.png").literalFolders == [""])
        #expect(Glob("a/b.png").literalFolders == ["a"])
        #expect(Glob("{a,b}/x/*.png").literalFolders == ["a/x", "b/x"])
        #expect(Glob("a/**/b/*.png").literalFolders == ["a"])
    }
}
