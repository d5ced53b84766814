import Foundation
import Testing

@testable import PipelineStore

@Suite("files_json coding")
struct StoredFilesJSONTests {
    static let tricky = [
        StoredFile(path: "out/plain.png", sha256: String(repeating: "ab", count: 32), bytes: 0),
        StoredFile(path: #"out/"quoted" \back\slash.mp4"#, sha256: "x", bytes: 9_000_000_000),
        StoredFile(path: "out/new\nline\ttab\u{1}.png", sha256: "y", bytes: 1),
        StoredFile(path: "out/ünïcødé 🎬.mp4", sha256: "z", bytes: 42),
    ]

    @Test func roundTripsAndIsValidJSON() throws {
        let json = StoredFilesJSON.encode(Self.tricky)
        #expect(StoredFilesJSON.decode(json) == Self.tricky)
        #expect(try JSONDecoder().decode([StoredFile].self, from: Data(json.utf8)) == Self.tricky)
        #expect(StoredFilesJSON.decode(StoredFilesJSON.encode([])) == [])
    }

    @Test func otherJSONOfTheSameSchemaIsAccepted() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let foreign = String(decoding: try encoder.encode(Self.tricky), as: UTF8.self)
        #expect(StoredFilesJSON.decode(foreign) == Self.tricky)
        #expect(StoredFilesJSON.decode("not json") == nil)
        #expect(StoredFilesJSON.decode(#"[{"path":"a","sha256":"b","bytes":1}"#) == nil)
    }
}
