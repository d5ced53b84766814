import ArgumentParser
import Foundation
import PipelineBasics

/// `pipeline-bench throughput` — paid tasks per second end to end with zero render time.
struct EngineThroughputBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Paid tasks per second end to end with zero render time (target ≥ 1,000/s).",
        discussion: """
            Each paid task is the full protocol over loopback HTTP against an in-process fake: upload URL, PUT, \
            journaled create, polls until complete, cache entry, task records in the SQLite state store.
            """
    )

    @Option(help: "Paid tasks.")
    var tasks = 2000

    @Option(help: "settings.max_parallel.")
    var parallel = 100

    @Option(help: "Poll interval of the client, in milliseconds (constant).")
    var pollMs = 100

    @Option(help: "Runs; the median is reported.")
    var repeats = 3

    func run() async throws {
        let directory = try EngineBench.workspace("throughput")
        let fake = try await EngineBench.startFake(renderTime: .zero)
        let client = EngineBench.client(of: fake, pollInterval: .milliseconds(pollMs))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print(
            "throughput: \(tasks) paid tasks, zero render time, max_parallel \(parallel), poll every \(pollMs) ms; "
                + "fake in this process at \(fake.baseURL) (shares the \(ProcessInfo.processInfo.activeProcessorCount) cores); "
                + "each task uploads a \(EngineBench.imageDescription(in: directory))")
        var results: [EngineBench.Measurement] = []
        do {
            try await EngineBench.warmUp(client: client, directory: directory)
            for repeat_ in 0..<max(1, repeats) {
                try? FileManager.default.removeItem(atPath: directory + "/.pipeline")
                let file = try EngineBench.writePipeline(
                    in: directory, name: "bench-throughput-\(repeat_)", count: tasks, maxParallel: parallel,
                    download: false)
                let measurement = try await EngineBench.run(file: file, client: client)
                try measurement.check(done: tasks, cached: 0)
                results.append(measurement)
                print(
                    String(
                        format:
                            "  run %d: %.0f tasks/s end to end (%.2f s), %.0f tasks/s in the scheduler (%.2f s), CPU %.2f cores",
                        repeat_ + 1, Double(tasks) / measurement.wall, measurement.wall,
                        Double(tasks) / measurement.summary.seconds, measurement.summary.seconds, measurement.coresBusy)
                )
            }
        } catch {
            try? await client.shutdown()
            await fake.stop()
            throw error
        }
        let stats = await fake.stats()
        try? await client.shutdown()
        await fake.stop()
        let wall = EngineBench.median(results.map(\.wall))
        let rate = Double(tasks) / wall
        print(
            String(
                format: "  median: %.0f paid tasks/s end to end (%.2f s for %d), target ≥ 1,000/s: %@",
                rate, wall, tasks, rate >= 1000 ? "met" : "NOT met"))
        if let last = results.last {
            for line in last.phases.lines() { print(line) }
            print(
                String(
                    format:
                        "  in flight on average (Little's law): %.0f of %d; CPU %.2f of %d cores (engine and fake together)",
                    rate * last.phases.total, parallel, last.coresBusy, ProcessInfo.processInfo.activeProcessorCount))
        }
        let routes = stats.requestsPerRoute.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        print("  fake requests over all runs (warm-up included): \(routes)")
    }
}
