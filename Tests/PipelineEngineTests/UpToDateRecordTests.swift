import Foundation
import PipelineBasics
import Testing

@testable import PipelineEngine

/// An up-to-date record reads back exactly as written, whatever its names hold, and anything
/// damaged, cut short or of another format reads as no record (never a trap).
@Suite struct UpToDateRecordTests {
    static let record = UpToDateRecord(
        key: String(repeating: "ab", count: 32), callsMagicHour: true,
        stages: [
            .init(name: "thumbs", typeName: "image.resize", taskIDs: ["thumbs[a.png]", "thumbs[tab\tnew\nline]"]),
            .init(name: "empty", typeName: "rename", taskIDs: []),
        ],
        watched: [
            .init(
                path: "/photos/ünïcode 📷.png",
                signature: PathSignature(
                    kind: .file, device: 2049, inode: .max, size: 123_456, modifiedNanoseconds: -1,
                    changedNanoseconds: 1_764_000_000_123_456_789)),
            .init(path: "/photos", signature: nil),
        ])

    @Test func readsBackWhatItWrote() {
        let data = Self.record.encoded()
        #expect(UpToDateRecord(decoding: data) == Self.record)
        #expect(Self.record.taskCount == 2)
    }

    @Test func everyShortenedOrLengthenedRecordReadsAsNone() {
        let data = Self.record.encoded()
        for length in 0..<data.count {
            #expect(UpToDateRecord(decoding: data.prefix(length)) == nil, "cut to \(length) bytes")
        }
        #expect(UpToDateRecord(decoding: data + [0]) == nil)
    }

    @Test func anotherFormatVersionOrGarbageReadsAsNone() {
        var data = [UInt8](Self.record.encoded())
        // After the magic text (8-byte length + 19 bytes) comes the format version.
        data[27] = 2
        #expect(UpToDateRecord(decoding: Data(data)) == nil)
        #expect(UpToDateRecord(decoding: Data("not a record at all".utf8)) == nil)
        var huge = RecordWriter()
        huge.text("pipeline-up-to-date")
        huge.integer(UInt64(1))
        huge.integer(Int64.max)  // a key "that long"
        #expect(UpToDateRecord(decoding: Data(huge.bytes)) == nil)
    }

    @Test func pathsUnchangedComparesEverySignatureNow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("utd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/a.txt"
        try Data("one".utf8).write(to: URL(fileURLWithPath: file))
        let record = UpToDateRecord(
            key: "k", callsMagicHour: false, stages: [],
            watched: [
                .init(path: file, signature: PathSignature.of(file)),
                .init(path: folder, signature: PathSignature.of(folder)),
                .init(path: folder + "/absent", signature: nil),
            ])
        #expect(record.pathsUnchanged())
        try Data("two".utf8).write(to: URL(fileURLWithPath: folder + "/absent"))
        #expect(!record.pathsUnchanged(), "a path recorded as absent is there now")
        try FileManager.default.removeItem(atPath: folder + "/absent")
        // The folder's own signature moved with the file that came and went.
        #expect(!record.pathsUnchanged())
    }
}
