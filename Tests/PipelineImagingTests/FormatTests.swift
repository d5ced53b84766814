import Foundation
import PipelineImaging
import Testing

@Suite("Formats")
struct FormatTests {
    @Test("png → jpg → webp → png conversions write the right signatures")
    func conversionChain() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        var current = try folder.image("start.png", width: 320, height: 200, noise: 10)
        let resizer = ImageResizer()
        for (step, format) in [ImageFormat.jpg, .webp, .png].enumerated() {
            let output = folder.file("step\(step).\(format.fileExtension)")
            let result = try resizer.resize(
                ResizeRequest(input: current, output: output, width: 160, format: format, quality: 80)
            )
            #expect(result.format == format && result.width == 160 && result.height == 100)
            let size = try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int
            #expect(size.map(Int64.init) == result.bytes)
            let head = try folder.prefix(of: output, 12)
            switch format {
            case .jpg: #expect(head.starts(with: [0xFF, 0xD8, 0xFF]))
            case .png: #expect(head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            case .webp: #expect(head.prefix(4).elementsEqual("RIFF".utf8) && head.suffix(4).elementsEqual("WEBP".utf8))
            }
            current = output
        }
    }

    @Test("Quality changes the JPEG size")
    func qualityMatters() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("noisy.png", width: 400, height: 300, noise: 30)
        let low = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("low.jpg"), width: 400, format: .jpg, quality: 20))
        let high = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("high.jpg"), width: 400, format: .jpg, quality: 95))
        #expect(low.bytes < high.bytes)
    }

    @Test("File extensions map to formats")
    func extensions() {
        #expect(ImageFormat(fileExtension: "JPEG") == .jpg)
        #expect(ImageFormat(fileExtension: "jpg") == .jpg)
        #expect(ImageFormat(fileExtension: "webp") == .webp)
        #expect(ImageFormat(fileExtension: "gif") == nil)
    }
}
