import Foundation
import PipelineImaging
import Testing

@Suite("Image verification before paid work")
struct ImageVerifierTests {
    @Test("A whole PNG and a whole JPEG verify, with their stored size")
    func wholeImages() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let png = try folder.image("a.png", width: 320, height: 200, noise: 10)
        let jpeg = try folder.image("b.jpg", width: 200, height: 320, noise: 10)
        #expect(try ImageVerifier().verify(atPath: png) == (320, 200))
        #expect(try ImageVerifier().verify(atPath: jpeg) == (200, 320))
    }

    @Test("A PNG cut off half-way has a readable header but fails verification")
    func truncatedPNG() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let whole = try folder.image("whole.png", width: 640, height: 480, noise: 30)
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        let truncated = folder.file("truncated.png")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: truncated))
        // The header alone looks fine: that is why a header read is not enough before an upload.
        #expect(try ImageResizer().imageSize(atPath: truncated) == (640, 480))

        let error = try #require(throws: ImagingError.self) { try ImageVerifier().verify(atPath: truncated) }
        guard case let .unreadable(path, reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(path == truncated)
        #expect(reason.contains("corrupt or truncated"))
    }

    @Test("Random bytes named .png are not an image")
    func binaryFile() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let path = folder.file("noise.png")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: ImagingError.self) { try ImageVerifier().verify(atPath: path) }
        guard case let .unreadable(reported, reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(reported == path)
        #expect(reason.contains("not an image"))
    }

    @Test("A missing file and a folder are reported plainly")
    func missingAndFolder() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        #expect(throws: ImagingError.unreadable(path: folder.file("nope.png"), reason: "the file does not exist")) {
            try ImageVerifier().verify(atPath: folder.file("nope.png"))
        }
        #expect(throws: ImagingError.unreadable(path: folder.path, reason: "it is not a regular file")) {
            try ImageVerifier().verify(atPath: folder.path)
        }
    }
}
