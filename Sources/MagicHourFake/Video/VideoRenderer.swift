import Logging
import MagicHourRules

import Foundation
import Subprocess
import SystemPackage

/// Makes the MP4 a project downloads: the uploaded image, fitted into the resolution's frame,
/// held for the project's duration at its frame rate (the image is decoded once and its frame
/// cloned with `tpad`, so an undecodable image fails at once), encoded by ffmpeg with libx264
/// (`-preset ultrafast -tune stillimage`, yuv420p, faststart: plays everywhere, encodes in about a
/// second). One encode per image × resolution × duration, shared by every project that asks.
/// Without ffmpeg, a small fallback MP4 is served (logged once).
actor VideoRenderer {
    struct Key: Hashable, Sendable {
        var source: String
        var resolution: VideoResolution
        var seconds: Double
        var audio: Bool
    }

    typealias Outcome = Result<Rendered, RenderFailure>

    struct Rendered: Sendable {
        var path: String
        var size: Int64
    }

    struct RenderFailure: Error, Sendable {
        var message: String
    }

    private let directory: String
    private let ffmpeg: String?
    private let logger: Logger
    private var cache: [Key: Task<Outcome, Never>] = [:]
    private var warnedAboutFallback = false
    /// ffmpeg runs started.
    private(set) var encodes = 0

    init(directory: String, ffmpegPath: String?, logger: Logger) {
        self.directory = directory
        if let ffmpegPath {
            self.ffmpeg = FileManager.default.isExecutableFile(atPath: ffmpegPath) ? ffmpegPath : nil
        } else {
            self.ffmpeg = Self.findOnPath("ffmpeg")
        }
        self.logger = logger
    }

    /// The encoder in use, for stats and logs.
    nonisolated var encoderName: String { ffmpeg == nil ? "fallback (ffmpeg not found)" : "ffmpeg libx264" }

    /// The video for a project, rendering it unless an equal one exists.
    func video(
        for source: FakeProject.Source, resolution: VideoResolution, seconds: Double, audio: Bool = false
    ) async -> Outcome {
        let sourceKey: String
        let input: [String]
        var hold = ""
        switch source {
        case .upload(let path, let fingerprint):
            sourceKey = String(fingerprint, radix: 16)
            input = ["-framerate", "\(resolution.framesPerSecond)", "-i", path]
            hold = "tpad=stop_mode=clone:stop_duration=\(SecondsFormat.format(seconds)),"
        case .url(let url):
            sourceKey = "url-\(abs(url.hashValue))"
            let (width, height) = resolution.frameSize
            input = ["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(resolution.framesPerSecond)"]
        }
        let key = Key(source: sourceKey, resolution: resolution, seconds: seconds, audio: audio)
        if let task = cache[key] { return await task.value }
        guard let ffmpeg else { return fallback() }
        let output =
            "\(directory)/\(sourceKey)-\(resolution.rawValue)-\(SecondsFormat.format(seconds))s\(audio ? "-audio" : "").mp4"
        // A soundtrack when asked: a quiet 440 Hz tone, AAC.
        let sound =
            audio
            ? (
                input: ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"],
                output: ["-map", "0:v:0", "-map", "1:a:0", "-c:a", "aac", "-b:a", "64k"]
            ) : (input: [], output: [])
        let (width, height) = resolution.frameSize
        let arguments =
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + input + sound.input + [
                "-t", SecondsFormat.format(seconds),
                "-vf",
                hold + "scale=\(width):\(height):force_original_aspect_ratio=decrease,"
                    + "pad=\(width):\(height):(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p",
                "-r", "\(resolution.framesPerSecond)",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
            ] + sound.output + ["-movflags", "+faststart", output]
        let logger = self.logger
        encodes += 1
        let task = Task<Outcome, Never> {
            await Self.run(ffmpeg, arguments, output: output, logger: logger)
        }
        cache[key] = task
        let outcome = await task.value
        if case .failure = outcome { cache[key] = nil }
        return outcome
    }

    /// Stops every encode in progress (their ffmpeg processes are terminated).
    func cancelAll() {
        for task in cache.values { task.cancel() }
    }

    private func fallback() -> Outcome {
        let path = "\(directory)/fallback.mp4"
        if !warnedAboutFallback {
            warnedAboutFallback = true
            logger.warning("ffmpeg not found: the fake serves a small fallback MP4 that does not show the image")
        }
        let data = Data(base64Encoded: FallbackVideo.base64) ?? Data()
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
        return .success(Rendered(path: path, size: Int64(data.count)))
    }

    /// Runs ffmpeg (swift-subprocess): a cancelled render, or one past the 300 s watchdog (no
    /// encode of a still image takes minutes), is torn down with its process.
    static func run(
        _ executable: String, _ arguments: [String], output: String, logger: Logger,
        failure: String = "The image could not be decoded"
    ) async
        -> Outcome
    {
        let finished: (status: Int32, message: String)? = await withTaskGroup(
            of: (status: Int32, message: String)?.self
        ) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        .path(FilePath(executable)), arguments: Arguments(arguments), output: .discarded,
                        error: .string(limit: 1 << 20))
                    let status: Int32
                    switch result.terminationStatus {
                    case .exited(let code): status = code
                    case .signaled(let number): status = 128 + number
                    }
                    return (status, result.standardError)
                } catch {
                    return (-1, "\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(300))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        let status = finished?.status ?? -1
        let message = finished?.message ?? "ffmpeg took longer than 300 s"
        guard status == 0,
            let size = (try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? NSNumber
        else {
            logger.info("ffmpeg failed", metadata: ["status": "\(status)", "stderr": "\(message.prefix(300))"])
            return .failure(RenderFailure(message: failure))
        }
        return .success(Rendered(path: output, size: size.int64Value))
    }

    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
