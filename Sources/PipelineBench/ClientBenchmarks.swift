import ArgumentParser
import Foundation
import PipelineBasics
import MagicHour
import MagicHourFake
import Subprocess
import SystemPackage

// Benchmarks of the Magic Hour client and the fake server, over real loopback HTTP.
// The fake runs in a child process (this executable, re-run with `--serve`), so that the figures
// of the client (throughput, peak memory) are its own.

/// `pipeline-bench fake-throughput` — requests per second the fake serves and the client sustains.
struct FakeThroughputBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-throughput",
        abstract: "Requests per second the fake Magic Hour server serves and the client sustains on loopback.",
        discussion: """
            Starts the fake in a child process, then: the client polls one project (GET /v1/video-projects/{id}) \
            and creates projects (POST /v1/image-to-video) from --concurrency tasks for --seconds each; and, when \
            wrk is installed, wrk loads the same GET from a second process (the fake's own capacity).
            """
    )

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 5

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 16

    @Flag(help: .hidden)
    var serve = false

    func run() async throws {
        if serve { return try await ChildFake.serve(file: nil) }
        try await ChildFake.with(subcommand: Self.configuration.commandName ?? "fake-throughput", file: nil) { child in
            let client = MagicHourClient(
                token: APIToken(ChildFake.token),
                configuration: MagicHourConfiguration(baseURL: child.baseURL, retry: .none))
            defer { Task { try? await client.shutdown() } }
            let project = try await client.createImageToVideo(
                .init(imageFilePath: "https://bench.test/a.png", endSeconds: 5, model: "ltx-2.3"))
            print("fake: \(child.baseURL) (child process), \(concurrency) requests in flight, \(seconds) s each")

            let polls = try await measure { _ in _ = try await client.getProject(id: project.id) }
            print(polls.line("client GET /v1/video-projects/{id}"))
            // One image for every create: the fake renders it once (its cache), so this measures the API, not ffmpeg.
            let creates = try await measure { index in
                _ = try await client.createImageToVideo(
                    .init(
                        imageFilePath: "https://bench.test/a.png", endSeconds: 5, resolution: .p480,
                        name: "bench \(index)",
                        model: "ltx-2.3")
                )
            }
            print(creates.line("client POST /v1/image-to-video"))

            if let wrk = Executable.find("wrk") {
                let output = try await Executable.run(
                    wrk,
                    [
                        "-t2", "-c\(max(2, concurrency))", "-d\(max(1, Int(seconds)))s", "-H",
                        "Authorization: Bearer \(ChildFake.token)", "\(child.baseURL)/v1/video-projects/\(project.id)",
                    ])
                let rate = output.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
                print(
                    "wrk GET /v1/video-projects/{id}: \(rate.map { String($0.dropFirst(13)).trimmingCharacters(in: .whitespaces) } ?? "?") req/s (fake's capacity, second process)"
                )
            } else {
                print("wrk not installed: skipping the fake's capacity from a second process (apt-get install wrk)")
            }
        }
    }

    /// Runs `operation` from `concurrency` tasks for `seconds`; returns the count and latencies.
    private func measure(_ operation: @escaping @Sendable (Int) async throws -> Void) async throws -> Throughput {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(seconds))
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Duration] = []
                    var index = worker
                    while clock.now < deadline {
                        let begin = clock.now
                        try await operation(index)
                        latencies.append(begin.duration(to: clock.now))
                        index += concurrency
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        return Throughput(count: latencies.count, elapsed: start.duration(to: clock.now), latencies: latencies)
    }
}

/// `pipeline-bench download` — download throughput and peak memory for a large file, against curl.
struct DownloadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download throughput and peak memory of the client for a large file, compared with curl.",
        discussion: """
            Serves a --size-mib file as a complete project's output from the fake (child process), then downloads \
            it alternately with curl, with MagicHourClient.download (streamed to disk, size-checked, fsynced, \
            renamed) and with the same client without writeback and fsync (what durability costs), --runs times \
            each, in the same run. The source file is written and synced first, so that \
            its own writeback does not overlap the measurements. Targets: at least 80 % of curl's throughput \
            (medians compared; best runs are printed too), peak memory (VmHWM) under 64 MB.
            """
    )

    @Option(help: "Size of the file in MiB.")
    var sizeMib: Int = 1024

    @Option(help: "Downloads per tool.")
    var runs: Int = 5

    @Option(help: "Folder for the source file and the downloads (default: a temporary folder).")
    var directory: String?

    @Option(help: .hidden)
    var serve: String?

    func run() async throws {
        if let serve { return try await ChildFake.serve(file: serve) }
        guard let curl = Executable.find("curl") else { throw ValidationError("curl is not installed") }
        let folder =
            directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("mh-download-bench").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = "\(folder)/source-\(sizeMib)MiB.bin"
        try Self.makeFile(at: source, mebibytes: sizeMib)
        try await ChildFake.with(subcommand: Self.configuration.commandName ?? "download", file: source) { child in
            guard let projectID = child.projectID else { throw ValidationError("the fake did not report a project") }
            let client = MagicHourClient(
                token: APIToken(ChildFake.token), configuration: MagicHourConfiguration(baseURL: child.baseURL))
            var withoutSync = MagicHourConfiguration(baseURL: child.baseURL)
            withoutSync.durableDownloads = false
            let clientWithoutSync = MagicHourClient(token: APIToken(ChildFake.token), configuration: withoutSync)
            let bytes = Double(sizeMib) * 1_048_576
            print(
                "file: \(sizeMib) MiB from \(child.baseURL) (fake in a child process), \(runs) runs each, alternating")
            let setupPeak = ProcessMemory.peakResidentBytes
            // The peak from here on is the downloads' (the setup above wrote the source file).
            let resetPeak = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
            let before = ProcessMemory.residentBytes
            print(
                "resident before downloading: \(ProcessMemory.megabytes(before)) (peak of the setup: \(ProcessMemory.megabytes(setupPeak)))"
            )

            var curlTimes: [Double] = [], curlSyncTimes: [Double] = [], clientTimes: [Double] = []
            var curlCPU: [Double] = [], clientCPU: [Double] = []
            var unsyncedTimes: [Double] = [], unsyncedCPU: [Double] = []
            for _ in 0..<max(1, runs) {
                let url = try await client.getProject(id: projectID).downloads[0].url
                let curlTarget = "\(folder)/curl.bin"
                let clock = ContinuousClock()
                var start = clock.now
                var cpu = ProcessCPU.childrenSeconds
                _ = try await Executable.run(curl, ["-sS", "--fail", "-o", curlTarget, url])
                curlTimes.append(start.duration(to: clock.now).seconds)
                curlCPU.append(ProcessCPU.childrenSeconds - cpu)
                _ = try await Executable.run("/bin/sync", [curlTarget])
                curlSyncTimes.append(start.duration(to: clock.now).seconds)
                try FileManager.default.removeItem(atPath: curlTarget)

                let project = try await client.getProject(id: projectID)
                start = clock.now
                cpu = ProcessCPU.seconds
                let file = try await client.download(project, to: "\(folder)/client.bin")
                clientTimes.append(start.duration(to: clock.now).seconds)
                clientCPU.append(ProcessCPU.seconds - cpu)
                guard file.size == Int64(sizeMib) * 1_048_576 else {
                    throw ValidationError("short download: \(file.size)")
                }
                try FileManager.default.removeItem(atPath: file.path)

                start = clock.now
                cpu = ProcessCPU.seconds
                let unsynced = try await clientWithoutSync.download(project, to: "\(folder)/client.bin")
                unsyncedTimes.append(start.duration(to: clock.now).seconds)
                unsyncedCPU.append(ProcessCPU.seconds - cpu)
                guard unsynced.size == file.size else { throw ValidationError("short download: \(unsynced.size)") }
                try FileManager.default.removeItem(atPath: unsynced.path)
            }
            try await client.shutdown()
            try await clientWithoutSync.shutdown()
            let peak = ProcessMemory.peakResidentBytes
            func figures(_ label: String, _ times: [Double]) -> String {
                let best = times.min() ?? .nan
                let rate = { (seconds: Double) in String(format: "%5.0f MB/s", bytes / seconds / 1e6) }
                return
                    "\(label.padding(toLength: 36, withPad: " ", startingAt: 0)) best \(rate(best)) (\(String(format: "%.2f", best)) s), median \(rate(EngineBench.median(times)))"
            }
            print(figures("curl (no fsync):", curlTimes))
            print(figures("curl + sync of the file:", curlSyncTimes))
            print(figures("MagicHourClient (fsync):", clientTimes))
            print(figures("client without writeback and fsync:", unsyncedTimes))
            let gibibytes = bytes / 1_073_741_824
            let median = { (values: [Double]) in EngineBench.median(values) / gibibytes }
            print(
                String(
                    format:
                        "CPU per GiB (user + system, median): curl %.2f s, client %.2f s, client without fsync %.2f s",
                    median(curlCPU), median(clientCPU), median(unsyncedCPU)))
            // Medians decide: one lucky run of either tool moves a best-of ratio by 20 points on this disk.
            let middle = EngineBench.median
            let ratio = middle(curlTimes) / middle(clientTimes)
            print(
                String(
                    format:
                        "client / curl: medians %.0f %%, best runs %.0f %% (vs curl + sync: %.0f %%; without fsync: %.0f %% of curl), target ≥ 80 %%: %@",
                    ratio * 100, curlTimes.min()! / clientTimes.min()! * 100,
                    middle(curlSyncTimes) / middle(clientTimes) * 100,
                    middle(curlTimes) / middle(unsyncedTimes) * 100, ratio >= 0.8 ? "met" : "NOT met"))
            let peakLabel =
                resetPeak ? "peak memory (VmHWM) during the downloads" : "peak memory (VmHWM) of this process"
            print(
                "\(peakLabel): \(ProcessMemory.megabytes(peak)), \(ProcessMemory.megabytes(peak - before)) above the resident size before; target < 64 MB: \(peak < 64_000_000 ? "met" : "NOT met")"
            )
            if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
        }
    }

    /// Writes `mebibytes` MiB of pseudo-random bytes (one random MiB repeated) and syncs them, unless present.
    static func makeFile(at path: String, mebibytes: Int) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        if size == mebibytes * 1_048_576 { return }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        let block = Data((0..<1_048_576).map { _ in UInt8.random(in: 0...255, using: &generator) })
        for _ in 0..<mebibytes { try handle.write(contentsOf: block) }
        try handle.synchronize()
    }
}

/// Counts and latencies of one throughput measurement.
private struct Throughput {
    var count: Int
    var elapsed: Duration
    var latencies: [Duration]

    func line(_ label: String) -> String {
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            let value = latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            return String(format: "%.2f ms", value.seconds * 1000)
        }
        let rate = Double(count) / elapsed.seconds
        return String(
            format: "%@: %.0f req/s (%d requests), p50 %@, p99 %@", label, rate, count, percentile(0.5),
            percentile(0.99))
    }
}

/// The fake in a child process: this executable re-run with `--serve` (through swift-subprocess).
private struct ChildFake: Sendable {
    static let token = "mhk_bench_token"

    let baseURL: String
    let projectID: String?

    /// Re-runs this executable with the same arguments up to `subcommand`, plus `--serve`, runs
    /// `body` once the child has printed where it serves, then terminates the child (SIGTERM) and
    /// waits for its end.
    static func with<T: Sendable>(
        subcommand: String, file: String?, _ body: (ChildFake) async throws -> T
    ) async throws -> T {
        let arguments = CommandLine.arguments
        let upTo = arguments.firstIndex(of: subcommand).map { Array(arguments[1...$0]) } ?? [subcommand]
        let result = try await Subprocess.run(
            .path(FilePath(Executable.current)),
            arguments: Arguments(upTo + (file.map { ["--serve", $0] } ?? ["--serve"])),
            input: .none, output: .sequence, error: .currentStandardError
        ) { execution in
            defer { try? execution.send(signal: .terminate) }
            var line: [UInt8] = []
            reading: for try await chunk in execution.standardOutput {
                for byte in chunk.withUnsafeBytes({ Array($0) }) {
                    if byte == UInt8(ascii: "\n") { break reading }
                    line.append(byte)
                }
            }
            let parts = String(decoding: line, as: UTF8.self).split(separator: " ").map(String.init)
            guard let url = parts.first, url.hasPrefix("http") else { throw ValidationError("the fake did not start") }
            return try await body(ChildFake(baseURL: url, projectID: parts.count > 1 ? parts[1] : nil))
        }
        return result.closureResult
    }

    /// Child side: start the fake, print `URL [project id]`, serve until killed.
    static func serve(file: String?) async throws {
        let fake = try await FakeMagicHourServer.start(
            FakeServerConfiguration(
                acceptedToken: token, balance: Int.max / 2, renderTime: .seconds(3600)))
        var line = fake.baseURL
        if let file { line += " " + (try await fake.addCompletedProject(servingFile: file)) }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        try await Task.sleep(for: .seconds(86_400))
    }
}
