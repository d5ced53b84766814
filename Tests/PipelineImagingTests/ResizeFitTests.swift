import PipelineImaging
import Testing

@Suite("Fit modes")
struct ResizeFitTests {
    /// (fit, source width, source height, expected width, expected height) for a 300×240 box.
    static let boxCases: [(ResizeFit, Int, Int, Int, Int)] = [
        (.contain, 600, 400, 300, 200), (.contain, 400, 600, 160, 240),
        (.cover, 600, 400, 300, 240), (.cover, 400, 600, 300, 240),
        (.fill, 600, 400, 300, 240), (.fill, 400, 600, 300, 240),
        (.inside, 600, 400, 300, 200), (.inside, 400, 600, 160, 240),
    ]

    @Test("Each fit gives the expected size for landscape and portrait sources", arguments: boxCases)
    func fitIntoBox(_ fit: ResizeFit, _ sourceWidth: Int, _ sourceHeight: Int, _ width: Int, _ height: Int) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("in.png", width: sourceWidth, height: sourceHeight)
        let output = folder.file("out.jpg")
        let result = try ImageResizer().resize(
            ResizeRequest(input: input, output: output, width: 300, height: 240, fit: fit, format: .jpg)
        )
        #expect(result.width == width && result.height == height)
        let written = try ImageResizer().imageSize(atPath: output)
        #expect(written.width == width && written.height == height)
        #expect(result.path == output && result.format == .jpg && result.bytes > 0)
    }

    @Test(
        "One side given keeps the aspect ratio",
        arguments: [
            (600, 400, 300, nil, 300, 200), (400, 600, 300, nil, 300, 450),
            (600, 400, nil, 240, 360, 240), (400, 600, nil, 240, 160, 240),
        ] as [(Int, Int, Int?, Int?, Int, Int)])
    func oneSide(_ sw: Int, _ sh: Int, _ width: Int?, _ height: Int?, _ ew: Int, _ eh: Int) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("in.jpg", width: sw, height: sh)
        for fit in [ResizeFit.contain, .cover, .inside] {
            let result = try ImageResizer().resize(
                ResizeRequest(
                    input: input, output: folder.file("\(fit).png"), width: width, height: height,
                    fit: fit, format: .png)
            )
            #expect(result.width == ew && result.height == eh, "fit \(fit)")
        }
    }
}
