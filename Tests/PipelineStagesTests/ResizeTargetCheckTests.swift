import Foundation
import PipelineImaging
import Testing

@testable import PipelineStages

@Suite struct ResizeTargetCheckTests {
    @Test(
        "the images libvips reads itself are recognised by their first bytes",
        arguments: ["jpg", "png", "webp", "gif", "tif"])
    func recognisesNativeImages(extension: String) throws {
        let workspace = try StageWorkspace()
        let path = workspace.path + "/small." + `extension`
        try SyntheticImage.write(to: path, width: 8, height: 8)
        #expect(ResizeTargetCheck.hasNativeSignature(path))
    }

    @Test("text named .jpg, an empty file, a missing file and an MP4 are not read as images")
    func refusesOtherFiles() throws {
        let workspace = try StageWorkspace()
        try workspace.write("fake.jpg", Data("not really a jpeg, but unique content 1\n".utf8))
        try workspace.write("empty.png", Data())
        try workspace.write("clip.mp4", Data([0, 0, 0, 24] + Array("ftypisom".utf8) + [0, 0, 2, 0]))
        for name in ["fake.jpg", "empty.png", "missing.png", "clip.mp4"] {
            #expect(!ResizeTargetCheck.hasNativeSignature(workspace.path + "/" + name), "\(name)")
        }
        let heic = [0, 0, 0, 24] + Array("ftypheic".utf8)
        #expect(ResizeTargetCheck.hasNativeSignature(head: heic))
        #expect(ResizeTargetCheck.hasNativeSignature(head: Array("MM\u{0}*".utf8)))
        #expect(!ResizeTargetCheck.hasNativeSignature(head: [0xFF, 0xD8]))
    }
}
