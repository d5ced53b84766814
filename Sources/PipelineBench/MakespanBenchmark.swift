import ArgumentParser
import Foundation
import PipelineBasics

/// `pipeline-bench makespan` — N paid tasks of render time R at max_parallel C against the fake,
/// next to the ideal ⌈N/C⌉·R.
struct MakespanBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "makespan",
        abstract:
            "Makespan of N paid tasks with render time R at max_parallel C, next to the ideal ⌈N/C⌉·R (target: within 5 % at N=1000, C=50).",
        discussion: """
            Runs a generated pipeline (a values: input of N items → magic_hour.image_to_video of one small image, \
            480p 5 s, a prompt per item) with PipelineRunner and the standard executors against an in-process fake \
            over loopback HTTP. The image's one encode is done before the measured runs (the fake caches it).
            """
    )

    @Option(help: "Paid tasks.")
    var tasks = 1000

    @Option(help: "Render time of every project, in seconds.")
    var renderSeconds: Double = 2

    @Option(help: "settings.max_parallel.")
    var parallel = 50

    @Option(help: "Poll interval of the client, in milliseconds (constant).")
    var pollMs = 100

    @Option(help: "Runs; the median is reported.")
    var repeats = 1

    @Flag(help: "Add a download stage after the paid stage.")
    var download = false

    func run() async throws {
        let directory = try EngineBench.workspace("makespan")
        let render = Duration.milliseconds(Int64(renderSeconds * 1000))
        let fake = try await EngineBench.startFake(renderTime: render)
        let client = EngineBench.client(of: fake, pollInterval: .milliseconds(pollMs))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let batches = (tasks + parallel - 1) / parallel
        let ideal = Double(batches) * renderSeconds
        print(
            "makespan: \(tasks) paid tasks, render \(renderSeconds) s, max_parallel \(parallel), poll every \(pollMs) ms, "
                + "\(download ? "with" : "no") download stage; fake in process at \(fake.baseURL); "
                + "each task uploads a \(EngineBench.imageDescription(in: directory))")
        print(String(format: "  ideal ⌈N/C⌉·R = %d × %.2f s = %.2f s", batches, renderSeconds, ideal))
        var results: [EngineBench.Measurement] = []
        do {
            try await EngineBench.warmUp(client: client, directory: directory)
            for repeat_ in 0..<max(1, repeats) {
                try? FileManager.default.removeItem(atPath: directory + "/.pipeline")
                try? FileManager.default.removeItem(atPath: directory + "/out")
                let file = try EngineBench.writePipeline(
                    in: directory, name: "bench-makespan-\(repeat_)", count: tasks, maxParallel: parallel,
                    download: download)
                let measurement = try await EngineBench.run(file: file, client: client)
                try measurement.check(done: tasks * (download ? 2 : 1), cached: 0)
                results.append(measurement)
                print(
                    String(
                        format:
                            "  run %d: makespan %.2f s (scheduler) / %.2f s (PipelineRunner.run end to end), ratio %.3f, CPU %.1f cores",
                        repeat_ + 1, measurement.summary.seconds, measurement.wall, measurement.summary.seconds / ideal,
                        measurement.coresBusy))
            }
        } catch {
            try? await client.shutdown()
            await fake.stop()
            throw error
        }
        let stats = await fake.stats()
        try? await client.shutdown()
        await fake.stop()
        let scheduler = EngineBench.median(results.map(\.summary.seconds))
        let wall = EngineBench.median(results.map(\.wall))
        let ratio = scheduler / ideal
        print(
            String(
                format:
                    "  measured makespan %.2f s (median of %d; end to end %.2f s) vs ideal %.2f s: ratio %.3f (%+.1f %%), target ≤ 1.05: %@",
                scheduler, results.count, wall, ideal, ratio, (ratio - 1) * 100, ratio <= 1.05 ? "met" : "NOT met"))
        if let last = results.last {
            for line in last.phases.lines() { print(line) }
            print(
                String(
                    format: "  per-task overhead beyond R: %.0f ms (polling granularity ≤ %d ms of it)",
                    (last.phases.total - renderSeconds) * 1000, pollMs))
        }
        print("  fake: \(stats.projectsCreated) projects created (warm-up included), encoder \(stats.videoEncoder)")
    }
}
