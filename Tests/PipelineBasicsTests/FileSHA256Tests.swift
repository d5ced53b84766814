import Foundation
import PipelineBasics
import Testing

@Suite struct FileSHA256Tests {
    /// A fresh folder for one test's files.
    private static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("basics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func hashesAFileAsTheStandardVectorsSay(content: String, expected: String) throws {
        let file = try Self.folder().appendingPathComponent("vector.txt")
        try Data(content.utf8).write(to: file)
        #expect(try FileSHA256.hex(ofFileAt: file.path) == expected)
        #expect(FileSHA256.hex(of: content) == expected)
    }

    @Test func aFileLargerThanOneChunkHashesLikeItsTextDoes() throws {
        // 2.5 chunks of a repeating pattern: the streamed hash must equal the hash of the whole text.
        let text = String(repeating: "0123456789abcdef", count: (FileSHA256.chunkSize * 5 / 2) / 16)
        let file = try Self.folder().appendingPathComponent("large.bin")
        try Data(text.utf8).write(to: file)
        #expect(try FileSHA256.hex(ofFileAt: file.path) == FileSHA256.hex(of: text))
    }

    @Test func aMissingFileFailsWhileOpening() throws {
        let missing = try Self.folder().appendingPathComponent("missing.txt").path
        #expect(throws: FileReadFailure(errno: ENOENT, whileOpening: true)) {
            try FileSHA256.hex(ofFileAt: missing)
        }
        #expect(FileReadFailure(errno: ENOENT, whileOpening: true).reason == "No such file or directory")
    }

    @Test func aFolderFailsWhileReading() throws {
        let folder = try Self.folder().path
        #expect(throws: FileReadFailure(errno: EISDIR, whileOpening: false)) {
            try FileSHA256.hex(ofFileAt: folder)
        }
    }

    @Test func hexTextWritesTwoLowerCaseDigitsPerByte() {
        #expect(HexText.encode([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(HexText.encode([UInt8]()) == "")
        #expect((0...15).map { HexText.digit(UInt8($0)) } == Array("0123456789abcdef".utf8))
    }

    @Test func durationSecondsKeepsTheFraction() {
        #expect(Duration.seconds(3).seconds == 3)
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.nanoseconds(1).seconds == 1e-9)
        #expect(Duration.seconds(-2).seconds == -2)
    }
}
