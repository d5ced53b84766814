import Foundation
import Logging
import Subprocess
import SystemPackage

/// Makes the files the projects of the generation endpoints download (``OutputJob``), with
/// ffmpeg: videos (H.264 MP4), images (PNG, GIF, WebM, MP4) and audio (MP3 with libmp3lame,
/// else WAV). One render per distinct job, shared by every project that asks (as
/// ``VideoRenderer``), at most two ffmpeg processes at once (a fuzzing client must not swamp
/// the machine). Without ffmpeg, small fixed files of the right kind are served.
actor OutputRenderer {
    typealias Outcome = Result<[RenderedFile], VideoRenderer.RenderFailure>

    private let directory: String
    private let ffmpeg: String?
    private let logger: Logger
    private var cache: [OutputJob: Task<Outcome, Never>] = [:]
    private var mp3: Bool?
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// ffmpeg runs started.
    private(set) var encodes = 0
    private static let parallelRuns = 2

    init(directory: String, ffmpegPath: String?, logger: Logger) {
        self.directory = directory
        if let ffmpegPath {
            self.ffmpeg = FileManager.default.isExecutableFile(atPath: ffmpegPath) ? ffmpegPath : nil
        } else {
            self.ffmpeg = VideoRenderer.findOnPath("ffmpeg")
        }
        self.logger = logger
    }

    /// The files of `job`, rendering them unless an equal job's exist.
    func render(_ job: OutputJob) async -> Outcome {
        if let task = cache[job] { return await task.value }
        guard let ffmpeg else { return fallback(job) }
        let mp3 = await hasMP3(ffmpeg)
        let format = job.kind == .audio && !mp3 ? "wav" : job.format
        let stem = "\(directory)/\(job.kind.rawValue)-\(String(Self.key(of: job), radix: 16))"
        let task = Task<Outcome, Never> {
            var files: [RenderedFile] = []
            for index in 0..<max(1, job.count) {
                let output = "\(stem)-\(index + 1).\(format)"
                await acquire()
                encodes += 1
                let outcome = await VideoRenderer.run(
                    ffmpeg, job.ffmpegArguments(index: index, output: output, mp3: mp3), output: output,
                    logger: logger, failure: "The input could not be decoded")
                release()
                switch outcome {
                case .success(let rendered):
                    files.append(
                        RenderedFile(
                            path: rendered.path, size: rendered.size, name: Self.name(index: index, format: format),
                            contentType: OutputJob.contentType(of: format)))
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(files)
        }
        cache[job] = task
        let outcome = await task.value
        if case .failure = outcome { cache[job] = nil }
        return outcome
    }

    /// Stops every render in progress.
    func cancelAll() {
        for task in cache.values { task.cancel() }
    }

    /// `output.png`, then `output-2.png`, `output-3.png`…
    static func name(index: Int, format: String) -> String {
        index == 0 ? "output.\(format)" : "output-\(index + 1).\(format)"
    }

    private static func key(of job: OutputJob) -> UInt64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var fingerprint = Fingerprint()
        fingerprint.update((try? encoder.encode(job)) ?? Data())
        return fingerprint.value
    }

    private func acquire() async {
        if running < Self.parallelRuns {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Whether this ffmpeg has libmp3lame (`ffmpeg -encoders`), asked once.
    private func hasMP3(_ ffmpeg: String) async -> Bool {
        if let mp3 { return mp3 }
        let result = try? await Subprocess.run(
            .path(FilePath(ffmpeg)), arguments: ["-hide_banner", "-encoders"], output: .string(limit: 1 << 20),
            error: .discarded)
        let found = result?.standardOutput.contains("libmp3lame") ?? false
        mp3 = found
        return found
    }

    private func fallback(_ job: OutputJob) -> Outcome {
        let (format, base64) = FallbackFiles.file(for: job.kind)
        let path = "\(directory)/fallback.\(format)"
        let data = Data(base64Encoded: base64) ?? Data()
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
        return .success(
            (0..<max(1, job.count)).map {
                RenderedFile(
                    path: path, size: Int64(data.count), name: Self.name(index: $0, format: format),
                    contentType: OutputJob.contentType(of: format))
            })
    }
}
