import PipelineImaging
import Testing

@Suite("Upscaling")
struct UpscaleTests {
    /// A 200×100 source into a 400×400 box: (fit, upscale, expected width, expected height).
    static let cases: [(ResizeFit, Bool, Int, Int)] = [
        (.contain, false, 200, 100), (.contain, true, 400, 200),
        (.inside, false, 200, 100), (.inside, true, 200, 100),
        (.cover, false, 200, 100), (.cover, true, 400, 400),
        (.fill, false, 400, 400), (.fill, true, 400, 400),
    ]

    @Test("Small images stay small unless upscale is true (fill is always exact)", arguments: cases)
    func smallSource(_ fit: ResizeFit, _ upscale: Bool, _ width: Int, _ height: Int) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("small.png", width: 200, height: 100)
        let result = try ImageResizer().resize(
            ResizeRequest(
                input: input, output: folder.file("out.png"), width: 400, height: 400, fit: fit,
                format: .png, upscale: upscale)
        )
        #expect(result.width == width && result.height == height)
    }

    @Test("Upscale with one side enlarges keeping the aspect ratio")
    func oneSideUpscale() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("small.jpg", width: 200, height: 100)
        let kept = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("kept.jpg"), width: 800, format: .jpg)
        )
        #expect(kept.width == 200 && kept.height == 100)
        let enlarged = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("big.jpg"), width: 800, format: .jpg, upscale: true)
        )
        #expect(enlarged.width == 800 && enlarged.height == 400)
    }

    @Test("Enlarging past WebP's 16383-pixel limit is an invalid request, and nothing is written")
    func beyondWebPLimit() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("small.png", width: 200, height: 100)
        #expect {
            try ImageResizer().resize(
                ResizeRequest(
                    input: input, output: folder.file("huge.webp"), width: 20_000, format: .webp, upscale: true))
        } throws: { error in
            guard case let .invalidRequest(message) = error as? ImagingError else { return false }
            return message.contains("16383") && message.contains(input)
        }
        #expect(try folder.contents() == ["small.png"])
    }
}
