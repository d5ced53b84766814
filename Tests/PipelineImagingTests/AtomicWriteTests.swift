import Foundation
import PipelineImaging
import Testing

@Suite("Atomic output")
struct AtomicWriteTests {
    @Test("An existing destination is replaced whole and no .part file is left")
    func replacesWhole() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("in.png", width: 640, height: 480)
        let output = folder.file("out.webp")
        // A larger, non-image file where the output goes: nothing of it may survive.
        try Data(repeating: 0x78, count: 2_000_000).write(to: URL(fileURLWithPath: output))

        let result = try ImageResizer().resize(
            ResizeRequest(input: input, output: output, width: 64, format: .webp))
        let written = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(Int64(written.count) == result.bytes)
        #expect(written.prefix(4).elementsEqual("RIFF".utf8))
        #expect(try folder.contents() == ["in.png", "out.webp"])
    }

    @Test("A failed resize leaves the destination untouched and no .part file")
    func failureKeepsOld() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let output = folder.file("out.png")
        let old = try folder.image("out.png", width: 10, height: 10)
        let before = try Data(contentsOf: URL(fileURLWithPath: old))
        let bogus = folder.file("bogus.png")
        try "nope".write(toFile: bogus, atomically: false, encoding: .utf8)

        #expect(throws: ImagingError.self) {
            try ImageResizer().resize(ResizeRequest(input: bogus, output: output, width: 5, format: .png))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
        #expect(try folder.contents() == ["bogus.png", "out.png"])
    }

    @Test("Missing output folders are created")
    func createsFolders() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("in.jpg", width: 300, height: 200)
        let output = folder.file("a/b/c/out.jpg")
        let result = try ImageResizer().resize(ResizeRequest(input: input, output: output, width: 30, format: .jpg))
        #expect(result.width == 30 && FileManager.default.fileExists(atPath: output))
        #expect(try folder.contents(of: folder.file("a/b/c")) == ["out.jpg"])
    }

    @Test("An output under a regular file fails with writeFailed")
    func unwritable() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("in.jpg", width: 300, height: 200)
        let blocker = folder.file("file")
        try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
        #expect {
            try ImageResizer().resize(
                ResizeRequest(input: input, output: blocker + "/out.jpg", width: 30, format: .jpg))
        } throws: { error in
            guard case let .writeFailed(path, _) = error as? ImagingError else { return false }
            return path == blocker
        }
    }
}
