import Foundation
import PipelineBasics
import PipelineLanguage
import Testing

/// A glob names every folder whose entries its matches depend on (what an up-to-date record
/// watches), so that a file added anywhere it could match changes one of their signatures.
@Suite struct GlobFoldersReadTests {
    @Test func everyFolderAGlobListedIsNamedWithItsSignature() throws {
        let folder = try TemporaryDirectory()
        try folder.write("assets/a.png", "a")
        try folder.write("assets/deep/b.png", "b")
        try folder.write("assets/deep/deeper/c.png", "c")
        try folder.write("other/d.png", "d")
        var read: [String: PathSignature?] = [:]
        let files = Glob("assets/**/*.png").files(in: folder.path, foldersRead: &read)
        #expect(files == ["assets/a.png", "assets/deep/b.png", "assets/deep/deeper/c.png"])
        let base = folder.path
        #expect(
            Set(read.keys) == [base + "/assets", base + "/assets/deep", base + "/assets/deep/deeper"],
            "\(read.keys.sorted())")
        #expect(read[base + "/assets/deep"]! == PathSignature.of(base + "/assets/deep"))
        // A file added to the deepest folder moves that folder's signature.
        let before = PathSignature.of(base + "/assets/deep/deeper")
        try folder.write("assets/deep/deeper/e.png", "e")
        #expect(PathSignature.of(base + "/assets/deep/deeper") != before)
    }

    @Test func aMissingLiteralFolderIsNamedAsAbsentAndTheBaseNotAtAll() throws {
        let folder = try TemporaryDirectory()
        try folder.write("assets/a.png", "a")
        var read: [String: PathSignature?] = [:]
        #expect(Glob("assets/{x,y}/*.png").files(in: folder.path, foldersRead: &read).isEmpty)
        // `x` and `y` are looked up, and named as absent: either appearing is a change.
        let base = folder.path
        #expect(Set(read.keys) == [base + "/assets", base + "/assets/x", base + "/assets/y"], "\(read.keys.sorted())")
        #expect(read[base + "/assets/x"]! == nil)
    }
}
