import PipelineImaging
import Testing

@Suite("EXIF orientation")
struct OrientationTests {
    @Test("A JPEG tagged orientation 6 comes out upright: width and height swap")
    func rotated() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        // Stored 600×400, displayed 400×600 (rotate 90° clockwise).
        let input = try folder.image("rotated.jpg", width: 600, height: 400, orientation: 6)
        let upright = try ImageResizer().imageSize(atPath: input)
        #expect(upright.width == 400 && upright.height == 600)

        let output = folder.file("out.jpg")
        let result = try ImageResizer().resize(
            ResizeRequest(input: input, output: output, width: 200, format: .jpg)
        )
        #expect(result.width == 200 && result.height == 300)
        // The rotation is in the pixels and the tag is gone, so the stored size is the displayed one.
        let written = try ImageResizer().imageSize(atPath: output)
        #expect(written.width == 200 && written.height == 300)
    }

    @Test("Orientation 1 leaves the size alone")
    func normal() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("plain.jpg", width: 600, height: 400, orientation: 1)
        let result = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("out.png"), width: 300, format: .png)
        )
        #expect(result.width == 300 && result.height == 200)
    }
}
