import ArgumentParser
import Foundation
import PipelineBasics
import MagicHour
import MagicHourFake
import NIOConcurrencyHelpers
import PipelineEngine
import PipelineImaging
import PipelinePostgres
import PipelineStages
import PipelineStore

// Benchmarks of the engine (`makespan`, `throughput`, `noop`): real `PipelineRunner` runs with the
// standard executors against an in-process `FakeMagicHourServer` over loopback HTTP. This file holds
// what they share: a work folder with a generated pipeline and image, the fake, the client, and an
// observer that counts events and times the phases of paid tasks.

/// Shared machinery of the engine benchmarks.
enum EngineBench {
    /// The token the benchmarks' fake accepts.
    static let token = "mhk_bench_engine"

    /// Width and height of `image.png`, the picture every paid task uploads.
    static let imageSize = (width: 64, height: 48)

    /// A fresh work folder (removed first if it exists) holding `image.png`, a small generated picture.
    static func workspace(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-bench-\(name)").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            try SyntheticImage.write(to: directory + "/image.png", width: imageSize.width, height: imageSize.height)
        } catch {
            throw ValidationError("cannot write the benchmark image: \(error)")
        }
        return directory
    }

    /// Writes `bench.yaml`: a `values:` input of `count` items, each one 480p 5 s
    /// `magic_hour.image_to_video` of `image.png` with its own prompt, optionally downloaded.
    /// - Returns: The pipeline file's path.
    static func writePipeline(
        in directory: String, name: String, count: Int, maxParallel: Int, download: Bool
    ) throws -> String {
        let items = (0..<count).map(String.init).joined(separator: ", ")
        var yaml = """
            version: 1
            name: \(name)
            settings:
              output_dir: out
              max_parallel: \(maxParallel)
            inputs:
              items:
                values: [\(items)]
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.items }}
                with:
                  image: image.png
                  model: ltx-2.3
                  end_seconds: 5
                  resolution: 480p
                  prompt: "benchmark clip ${{ item }}"

            """
        if download {
            yaml += """
                  files:
                    uses: download
                    for_each: ${{ stages.clips }}

                """
        }
        let path = directory + "/bench.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// "64×48 PNG, 1234 bytes": what each paid task uploads.
    static func imageDescription(in directory: String) -> String {
        let bytes =
            (try? FileManager.default.attributesOfItem(atPath: directory + "/image.png")[.size] as? NSNumber)?.intValue
            ?? 0
        return "\(imageSize.width)×\(imageSize.height) PNG of \(bytes) bytes"
    }

    /// Starts the fake with a balance no benchmark exhausts; render times log-normal with
    /// `spread` (σ of the logarithm) around `renderTime`.
    static func startFake(renderTime: Duration, spread: Double = 0) async throws -> FakeMagicHourServer {
        var configuration = FakeServerConfiguration(
            acceptedToken: token, balance: 1_000_000_000, renderTime: renderTime)
        configuration.renderTimeSpread = spread
        return try await FakeMagicHourServer.start(configuration)
    }

    /// A client of `fake` that polls every `pollInterval` (a constant interval: no growth).
    static func client(of fake: FakeMagicHourServer, pollInterval: Duration) -> MagicHourClient {
        client(of: fake, polling: PollPolicy(initialInterval: pollInterval, multiplier: 1, maxInterval: pollInterval))
    }

    /// A client of `fake` that polls as `polling` says.
    static func client(of fake: FakeMagicHourServer, polling: PollPolicy) -> MagicHourClient {
        MagicHourClient(
            token: APIToken(token), configuration: MagicHourConfiguration(baseURL: fake.baseURL, polling: polling))
    }

    /// Renders the benchmark image once (the fake caches one encode per image, resolution and
    /// duration), so that the measured run does not wait for ffmpeg.
    static func warmUp(client: MagicHourClient, directory: String) async throws {
        let path = try await client.upload(file: directory + "/image.png")
        let project = try await client.createImageToVideo(
            ImageToVideoRequest(
                imageFilePath: path, endSeconds: 5, resolution: .p480, name: "warm-up", prompt: "warm-up",
                model: "ltx-2.3"))
        _ = try await client.waitForProject(id: project.id)
    }

    /// One timed `PipelineRunner.run` of `file`, its state in `settings.state` or at `state` (a
    /// SQLite path or a PostgreSQL connection string); the store's opening is timed too.
    static func run(
        file: String, client: MagicHourClient, maxParallel: Int? = nil, state: String? = nil
    ) async throws -> Measurement {
        let observer = Observer()
        let runner = PipelineRunner(executors: StandardExecutors.make(client: client), observer: observer)
        let cpuBefore = ProcessCPU.seconds
        let clock = ContinuousClock()
        let start = clock.now
        let session = try PipelineSession(file: file, options: RunOptions(maxParallel: maxParallel, statePath: state))
        let store = try await openStore(session.state)
        defer { try? store.close() }
        let summary = try await runner.run(session, store: store)
        let wall = start.duration(to: clock.now).seconds
        return Measurement(summary: summary, wall: wall, cpu: ProcessCPU.seconds - cpuBefore, phases: observer.phases())
    }

    /// The store at `location`: a SQLite file, or a PostgreSQL database.
    static func openStore(_ location: StateLocation) async throws -> any StateStore {
        switch location {
        case .sqlite(let path): return try SQLiteStateStore(path: path)
        case .postgres(let url): return try await PostgresStateStore(url)
        }
    }

    /// What one run measured.
    struct Measurement {
        var summary: RunSummary
        /// `PipelineRunner.run` end to end, in seconds.
        var wall: Double
        /// CPU time of this process (both the engine and the fake) during the run, in seconds.
        var cpu: Double
        var phases: Phases

        /// Throws unless every task succeeded or was cached.
        func check(done: Int, cached: Int) throws {
            guard summary.failed == 0, summary.skipped == 0, summary.uncertain == 0,
                summary.succeeded == done, summary.cached == cached
            else {
                throw ValidationError(
                    "unexpected run outcome: \(summary.succeeded) done, \(summary.cached) cached, \(summary.failed) failed, "
                        + "\(summary.skipped) skipped, \(summary.uncertain) uncertain (wanted \(done) done, \(cached) cached); "
                        + "first failures: \(summary.failures.prefix(3).map { "\($0.task): \($0.error)" })")
            }
        }

        /// Average cores busy during the run.
        var coresBusy: Double { wall > 0 ? cpu / wall : 0 }
    }

    /// Mean durations of the phases of a paid task, from the observer's events.
    struct Phases {
        /// Tasks that went through every phase.
        var tasks = 0
        /// Start of the attempt → "uploading" (journal lookup, bookkeeping).
        var startToUpload = 0.0
        /// "uploading" → "rendering": upload URL, PUT, intent, create call, project id recorded.
        var uploadToCreated = 0.0
        /// "rendering" → succeeded: polls until complete, journal update, cache entry.
        var createdToDone = 0.0

        var total: Double { startToUpload + uploadToCreated + createdToDone }

        func lines() -> [String] {
            guard tasks > 0 else { return ["  (no phase timings)"] }
            return [
                String(
                    format:
                        "  mean per paid task: %.1f ms = start→upload %.1f + upload+create+journal %.1f + polls+record %.1f",
                    total * 1000, startToUpload * 1000, uploadToCreated * 1000, createdToDone * 1000)
            ]
        }
    }

    /// Counts nothing but the timestamps of each task's phases; prints nothing.
    final class Observer: RunObserver, Sendable {
        private struct Times {
            var started: ContinuousClock.Instant?
            var uploading: ContinuousClock.Instant?
            var rendering: ContinuousClock.Instant?
            var done: ContinuousClock.Instant?
        }

        /// Each task's phase times, under the box's lock.
        private let times = NIOLockedValueBox<[String: Times]>([:])

        func observe(_ event: RunEvent) {
            let now = ContinuousClock.now
            times.withLockedValue { times in
                switch event {
                case .taskStarted(let task, _, _):
                    times[task, default: Times()].started = now
                case .taskProgress(let task, _, let message):
                    if message.hasPrefix("uploading") {
                        times[task, default: Times()].uploading = now
                    } else if message.hasPrefix("rendering") {
                        times[task, default: Times()].rendering = now
                    }
                case .taskSucceeded(let task, _, _, _):
                    times[task, default: Times()].done = now
                default:
                    break
                }
            }
        }

        func phases() -> Phases {
            var phases = Phases()
            for time in times.withLockedValue({ $0.values }) {
                guard let started = time.started, let uploading = time.uploading, let rendering = time.rendering,
                    let done = time.done
                else { continue }
                phases.tasks += 1
                phases.startToUpload += started.duration(to: uploading).seconds
                phases.uploadToCreated += uploading.duration(to: rendering).seconds
                phases.createdToDone += rendering.duration(to: done).seconds
            }
            if phases.tasks > 0 {
                let count = Double(phases.tasks)
                phases.startToUpload /= count
                phases.uploadToCreated /= count
                phases.createdToDone /= count
            }
            return phases
        }
    }

    /// The median of `values` (the upper one for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Milliseconds with one decimal.
    static func ms(_ seconds: Double) -> String {
        String(format: "%.1f ms", seconds * 1000)
    }
}

/// CPU time of this process (from /proc, Linux) and of its children.
enum ProcessCPU {
    /// User plus system CPU seconds so far.
    static var seconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / (ticks > 0 ? ticks : 100)
    }

    /// User plus system CPU seconds of the child processes waited for so far (e.g. curl).
    static var childrenSeconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let total = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        return Double(total) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
