import Foundation
import PipelineImaging
import Testing

@Suite("Unreadable inputs")
struct UnreadableInputTests {
    /// Runs a resize expected to fail and returns its error.
    private func failure(_ input: String, in folder: TestFolder) -> ImagingError? {
        do {
            _ = try ImageResizer().resize(
                ResizeRequest(input: input, output: folder.file("out.jpg"), width: 100, format: .jpg))
            return nil
        } catch {
            return error
        }
    }

    @Test("A truncated JPEG is unreadable, and the message names the file")
    func truncatedJPEG() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let whole = try folder.image("whole.jpg", width: 800, height: 600, noise: 20)
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        let truncated = folder.file("truncated.jpg")
        try data.prefix(data.count * 2 / 5).write(to: URL(fileURLWithPath: truncated))

        let error = try #require(failure(truncated, in: folder))
        guard case let .unreadable(path, reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(path == truncated)
        #expect(reason.contains("corrupt or truncated"))
        #expect(error.description.contains(truncated))
        #expect(try folder.contents() == ["truncated.jpg", "whole.jpg"])
    }

    @Test("A text file named .png is not an image")
    func textFile() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let fake = folder.file("notes.png")
        try "just some words, not pixels\n".write(toFile: fake, atomically: false, encoding: .utf8)

        let error = try #require(failure(fake, in: folder))
        guard case let .unreadable(path, reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(path == fake)
        #expect(reason.contains("not an image libvips can read"))
        #expect(error.description.contains(fake))
        #expect(throws: ImagingError.self) { try ImageResizer().imageSize(atPath: fake) }
    }

    @Test("A missing file is unreadable: it does not exist")
    func missingFile() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let missing = folder.file("nowhere.jpg")
        let error = failure(missing, in: folder)
        #expect(error == .unreadable(path: missing, reason: "the file does not exist"))
        #expect(error?.description == "cannot read image \(missing): the file does not exist")
    }

    @Test("A folder is not an image")
    func folderInput() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let error = failure(folder.path, in: folder)
        #expect(error == .unreadable(path: folder.path, reason: "it is a folder, not an image file"))
    }

    @Test(
        "Malformed requests are rejected before any work",
        arguments: [
            ResizeRequest(input: "a.png", output: "b.png", format: .png),
            ResizeRequest(input: "a.png", output: "b.png", width: 0, format: .png),
            ResizeRequest(input: "a.png", output: "b.png", width: 10, format: .png, quality: 0),
            ResizeRequest(input: "a.png", output: "b.png", width: 10, fit: .fill, format: .png),
            ResizeRequest(input: "a.png", output: "b.jpg", width: 10, format: .png),
        ])
    func invalid(_ request: ResizeRequest) {
        #expect {
            _ = try ImageResizer().resize(request)
        } throws: { error in
            guard case .invalidRequest = error as? ImagingError else { return false }
            return true
        }
    }
}
