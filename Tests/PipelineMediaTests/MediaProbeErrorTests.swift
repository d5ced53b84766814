import Foundation
import PipelineMedia
import Testing

/// Paths that are not media: each gets its own typed error, naming the file.
@Suite struct MediaProbeErrorTests {
    /// The error `MediaProbe` throws for `path`; `nil`, and a failed test, when it returns.
    private func failure(_ path: String) -> MediaProbeError? {
        do throws(MediaProbeError) {
            let info = try MediaProbe.info(ofFile: path)
            Issue.record("\(path) read as media: \(info)")
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingPathIsFileMissing() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = folder.file("nowhere.mp4")
        let error = failure(path)
        #expect(error == .fileMissing(path: path))
        #expect(error?.description == "media file not found: \(path)")
        #expect(failure(folder.file("no-folder/clip.mp4")) == .fileMissing(path: folder.file("no-folder/clip.mp4")))
    }

    @Test func aFolderIsUnreadable() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let error = failure(folder.path)
        #expect(error == .unreadable(path: folder.path, reason: "it is a folder"))
        #expect(error?.description.contains(folder.path) == true)
    }

    @Test(arguments: ["notes.txt", "notes.mp4", "notes.mp3", "notes.wav"])
    func aTextFileIsNotMedia(name: String) throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try folder.write(name, bytes: Array("hello, this is plain text, not a video at all\n".utf8))
        let error = try #require(failure(path))
        guard case .notMedia(let reported, let reason) = error else {
            Issue.record("expected notMedia, got \(error)")
            return
        }
        #expect(reported == path)
        #expect(!reason.isEmpty)
        #expect(error.description.hasPrefix("not a video or audio file: \(path) ("))
    }

    @Test func anEmptyFileIsNotMedia() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try folder.write("empty.mp4", bytes: [])
        #expect(failure(path) == .notMedia(path: path, reason: "Invalid data found when processing input"))
    }

    /// libav reads a SubRip file at once (a subtitle stream), but there is nothing to watch or hear.
    @Test func aFileWithOnlySubtitlesIsNotMedia() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try folder.write("captions.srt", bytes: Array("1\n00:00:00,000 --> 00:00:01,500\nHello\n\n".utf8))
        #expect(failure(path) == .notMedia(path: path, reason: "it has no audio or video stream"))
    }

    /// libav would open these by their extension alone (a text `.nfo` as ANSI art, random bytes as
    /// ADTS AAC), each with a probe score of 1 out of 100: the probe refuses them.
    @Test func aFileRecognisedOnlyByItsNameIsNotMedia() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        // The same noise every run (xorshift64 from a fixed seed): with fresh random bytes libav
        // now and then failed the file as invalid data instead (seen once in CI).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<20_000).map { _ -> UInt8 in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for (name, bytes, format) in [
            ("readme.nfo", Array("hello, this is plain text, not a video at all\n".utf8), "tty"),
            ("noise.aac", noise, "aac"),
        ] {
            let path = try folder.write(name, bytes: bytes)
            let error = try #require(failure(path))
            guard case .notMedia(_, let reason) = error else {
                Issue.record("\(name): expected notMedia, got \(error)")
                continue
            }
            #expect(reason.contains("only by its name, as \(format), with a probe score of 1 out of 100"), "\(reason)")
        }
    }
}
