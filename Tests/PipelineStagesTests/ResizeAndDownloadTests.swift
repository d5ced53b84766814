import Foundation
import PipelineEngine
import PipelineImaging
import PipelineLanguage
import PipelineStages
import Testing

@Suite struct ResizeExecutorTests {
    @Test func resizesARealImageToThePlannedPath() async throws {
        let workspace = try StageWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path + "/in", withIntermediateDirectories: true)
        try SyntheticImage.write(to: workspace.path + "/in/photo.png", width: 640, height: 480)
        let result = try await ResizeExecutor().execute(
            workspace.context(
                stage: "thumbs", type: "image.resize",
                parameters: [
                    "image": "in/photo.png", "width": .number(320), "height": .number(180), "fit": "cover",
                    "format": "jpg",
                ],
                outputPath: "out/.work/thumbs/photo-320x180-cover-00000000.jpg"))
        #expect(result.outputs["width"] == .number(320))
        #expect(result.outputs["height"] == .number(180))
        #expect(result.outputs["format"] == "jpg")
        #expect(result.files.first?.sha256.count == 64)
        #expect(
            try ImageResizer().imageSize(atPath: workspace.path + "/out/.work/thumbs/photo-320x180-cover-00000000.jpg")
                == (320, 180))
    }

    @Test func aCorruptImageFailsWithItsNameAndIsNotRetried() async throws {
        let workspace = try StageWorkspace()
        try workspace.write("in/broken.png", Data("this is not a png".utf8))
        do {
            _ = try await ResizeExecutor().execute(
                workspace.context(
                    stage: "thumbs", type: "image.resize",
                    parameters: ["image": "in/broken.png", "width": .number(100)],
                    outputPath: "out/.work/thumbs/broken.png"))
            Issue.record("expected a failure")
        } catch let failure as TaskFailure {
            #expect(failure.message.hasPrefix("in/broken.png cannot be read as an image"))
            #expect(!failure.isRetryable)
        }
    }
}
