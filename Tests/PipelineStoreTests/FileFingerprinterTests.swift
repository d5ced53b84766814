import Foundation
import PipelineStore
import Testing

@Suite("FileFingerprinter")
struct FileFingerprinterTests {
    /// Writes `text` to `path` and sets its modification time `secondsAgo` in the past.
    private static func write(_ text: String, to path: String, secondsAgo: TimeInterval) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-secondsAgo)], ofItemAtPath: path)
    }

    @Test func hashesMatchSHA256AndOnlyChangedFilesAreRehashed() async throws {
        let folder = try TemporaryDirectory("prints")
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        let fingerprinter = FileFingerprinter(store: store)
        let a = folder.file("a.txt")
        let b = folder.file("b.txt")
        let c = folder.file("c.txt")
        try Self.write("abc", to: a, secondsAgo: 3600)
        try Self.write("hello", to: b, secondsAgo: 3600)
        try Self.write("", to: c, secondsAgo: 3600)

        let first = try await fingerprinter.fingerprint([a, b, c, a])
        #expect(first.rehashed == [a, b, c])
        #expect(first.hashes[a] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(first.hashes[c] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        let second = try await fingerprinter.fingerprint([a, b, c])
        #expect(second.rehashed.isEmpty)
        #expect(second.hashes == first.hashes)

        // Same size, different content and mtime: re-hashed; untouched files are not.
        try Self.write("xyz", to: a, secondsAgo: 1800)
        let third = try await fingerprinter.fingerprint([a, b, c])
        #expect(third.rehashed == [a])
        #expect(third.hashes[a] == "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282")
        #expect(third.hashes[b] == first.hashes[b])

        // Replaced by a new file (new inode) with the same size and mtime: re-hashed.
        let replacement = folder.file("b.new")
        try Self.write("HELLO", to: replacement, secondsAgo: 0)
        let oldDate = try #require(FileManager.default.attributesOfItem(atPath: b)[.modificationDate] as? Date)
        try FileManager.default.setAttributes([.modificationDate: oldDate], ofItemAtPath: replacement)
        #expect(rename(replacement, b) == 0)
        let fourth = try await fingerprinter.fingerprint([a, b, c])
        #expect(fourth.rehashed == [b])
        #expect(fourth.hashes[b] != first.hashes[b])

        #expect(try await store.fingerprints(paths: [a, b, c]).count == 3)
    }

    @Test func recentlyModifiedFilesAreHashedEveryTime() async throws {
        let folder = try TemporaryDirectory("prints")
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        // A window far longer than the test can take on a loaded machine: the file stays "recent".
        let fingerprinter = FileFingerprinter(store: store, racyWindow: .seconds(3600))
        let fresh = folder.file("fresh.txt")
        try Self.write("new", to: fresh, secondsAgo: 0)
        #expect(try await fingerprinter.fingerprint([fresh]).rehashed == [fresh])
        #expect(try await fingerprinter.fingerprint([fresh]).rehashed == [fresh])
        #expect(try await store.fingerprints(paths: [fresh]).isEmpty)
    }

    @Test func largeFilesAreStreamed() async throws {
        let folder = try TemporaryDirectory("prints")
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        let big = folder.file("big.bin")
        // 3.5 MiB of 'a': spans several 1 MiB chunks.
        try Data(repeating: 0x61, count: 3 * (1 << 20) + (1 << 19)).write(to: URL(fileURLWithPath: big))
        let hashes = try await FileFingerprinter(store: store).hashes(of: [big])
        let expected = try await Self.referenceSHA256(big)
        #expect(hashes[big] == expected)
    }

    @Test func aMissingFileIsAnError() async throws {
        let folder = try TemporaryDirectory("prints")
        let store = try SQLiteStateStore(path: folder.file("state.db"))
        let missing = folder.file("missing.png")
        await #expect(throws: FingerprintError.self) {
            _ = try await FileFingerprinter(store: store).hashes(of: [missing])
        }
    }

    /// `sha256sum`'s answer, as an independent reference.
    private static func referenceSHA256(_ path: String) async throws -> String {
        String(try await ChildProcess.output(of: "sha256sum", [path]).prefix(64))
    }
}
