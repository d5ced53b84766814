import Foundation
import Subprocess
import SystemPackage

/// A fresh temporary folder for one test, and real media files made in it by ffmpeg (run through
/// swift-subprocess) from libavfilter's test sources.
struct MediaFolder {
    struct FFmpegFailed: Error, CustomStringConvertible {
        var description: String
    }

    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/pipeline-media-tests"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var template = Array((base + "/t.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// An H.264 MP4 of a test pattern, with a 440 Hz AAC track when `audio`.
    func video(
        _ name: String, seconds: Double, width: Int, height: Int, framesPerSecond: Int, audio: Bool
    ) async throws -> String {
        let picture = [
            "-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(framesPerSecond):duration=\(seconds)",
        ]
        let sound = audio ? ["-f", "lavfi", "-i", "sine=frequency=440:duration=\(seconds)"] : []
        let codecs =
            ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"] + (audio ? ["-c:a", "aac"] : [])
        return try await ffmpeg(picture + sound + codecs, output: name)
    }

    /// A 440 Hz tone; the encoder follows the name's extension (`.mp3`, `.wav`, ...).
    func tone(_ name: String, seconds: Double) async throws -> String {
        try await ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=\(seconds)"], output: name)
    }

    /// One frame of the test pattern as an image; the encoder follows the name's extension.
    func image(_ name: String, width: Int, height: Int) async throws -> String {
        try await ffmpeg(["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height)", "-frames:v", "1"], output: name)
    }

    /// An MP3 of `audio` with `picture` attached as its cover (the way music files carry artwork).
    func withCover(_ name: String, audio: String, picture: String) async throws -> String {
        try await ffmpeg(
            ["-i", audio, "-i", picture, "-map", "0:a", "-map", "1:v", "-c", "copy", "-disposition:v", "attached_pic"],
            output: name)
    }

    /// Writes `bytes` to `name` and returns its path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs ffmpeg with `arguments` writing `output` in the folder; its standard error on failure.
    private func ffmpeg(_ arguments: [String], output: String) async throws -> String {
        let target = file(output)
        let result = try await Subprocess.run(
            .name("ffmpeg"),
            arguments: Arguments(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + arguments + [target]),
            output: .discarded, error: .string(limit: 1 << 16))
        guard result.terminationStatus.isSuccess else {
            throw FFmpegFailed(description: "ffmpeg \(arguments) failed: \(result.standardError)")
        }
        return target
    }
}
