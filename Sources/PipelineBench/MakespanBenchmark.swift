import ArgumentParser
import Foundation
import MagicHour
import MagicHourFake
import PipelineBasics

/// `pipeline-bench makespan` — N paid tasks of render time R at max_parallel C against the fake:
/// makespan ÷ ideal and polls per job, for the engine and for the vendor SDK in a thread pool.
struct MakespanBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "makespan",
        abstract:
            "Makespan ÷ ideal and polls per job of N paid tasks at max_parallel C, the engine next to the vendor SDK (targets: ≤ 1.05 × ideal, ≤ the SDK's, ≤ 6 polls per job).",
        discussion: """
            Runs a generated pipeline (a values: input of N items → magic_hour.image_to_video of one small image, \
            480p 5 s, a prompt per item) with PipelineRunner and the standard executors against an in-process fake \
            over loopback HTTP, polling near the expected completion (the typical image-to-video time scaled by \
            --time-factor, then the renders finished in the run). The peer is the Python SDK's generate() in a pool \
            of C threads against the same fake, its 0.5 s poll scaled by --time-factor. Renders take R × factor, \
            log-normal with --render-spread; the ideal is ⌈N/C⌉·R·factor, or with a spread the makespan of C \
            slots that take the fake's very render times in order without any delay. Runs alternate engine and SDK.
            """
    )

    @Option(help: "Paid tasks (N).")
    var tasks = 200

    @Option(help: "Render time of a project before scaling (R), in seconds: the median with --render-spread.")
    var renderSeconds: Double = 5

    @Option(help: "σ of the logarithm of the render times (log-normal, seeded); 0: all R.")
    var renderSpread: Double = 0

    @Option(help: "Time factor: renders take R × this; the engine's typical times and the SDK's poll scale alike.")
    var timeFactor: Double = 1

    @Option(help: "settings.max_parallel (C), and the SDK's thread count.")
    var parallel = 50

    @Option(help: "Poll the engine at this constant interval (ms) instead of near the expected completion.")
    var pollMs: Int?

    @Option(help: "Runs of each; the medians are reported.")
    var repeats = 3

    @Flag(inversion: .prefixedNo, help: "Measure the vendor SDK too.")
    var sdk = true

    func validate() throws {
        guard tasks > 0, parallel > 0, renderSeconds > 0, timeFactor > 0, renderSpread >= 0 else {
            throw ValidationError("--tasks, --parallel, --render-seconds and --time-factor must be above 0")
        }
    }

    func run() async throws {
        let directory = try EngineBench.workspace("makespan")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let render = renderSeconds * timeFactor
        let fake = try await EngineBench.startFake(renderTime: .seconds(render), spread: renderSpread)
        let python = sdk ? try await VendorSDK.python() : nil
        let batches = (tasks + parallel - 1) / parallel
        print(
            "makespan: N \(tasks) paid tasks, C \(parallel) in flight, R \(renderSeconds) s × time factor \(timeFactor) = "
                + "\(render) s, render spread σ \(renderSpread); engine polls "
                + (pollMs.map { "every \($0) ms" } ?? "near the expected completion")
                + "; fake in process at \(fake.baseURL); each task uploads a \(EngineBench.imageDescription(in: directory)); "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(Self.loadAverage())")
        var engine: [Figures] = []
        var vendor: [Figures] = []
        do {
            let warmUp = EngineBench.client(of: fake, pollInterval: .milliseconds(20))
            try await EngineBench.warmUp(client: warmUp, directory: directory)
            try? await warmUp.shutdown()
            for repeat_ in 0..<max(1, repeats) {
                let engineIdeal = await ideal(fake: fake, render: render, batches: batches)
                let run = try await measureEngine(fake: fake, directory: directory, run: repeat_, ideal: engineIdeal)
                engine.append(run)
                print(run.line("run \(repeat_ + 1) engine"))
                guard let python else { continue }
                let sdkIdeal = await ideal(fake: fake, render: render, batches: batches)
                let sdkRun = try await measureSDK(fake: fake, python: python, directory: directory, ideal: sdkIdeal)
                vendor.append(sdkRun)
                print(sdkRun.line("run \(repeat_ + 1) SDK   "))
            }
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
        report(engine: engine, vendor: vendor)
    }

    /// What one run measured.
    struct Figures {
        var makespan: Double
        var ideal: Double
        var pollsPerJob: Double
        var ratio: Double { makespan / ideal }

        func line(_ label: String) -> String {
            String(
                format: "  %@: makespan %.2f s, ideal %.2f s, ratio %.3f, %.1f polls per job", label, makespan, ideal,
                ratio, pollsPerJob)
        }
    }

    /// The ideal of the next `tasks` projects: ⌈N/C⌉·R, or with a spread the makespan of C slots
    /// taking the fake's render times in creation order with no delay.
    private func ideal(fake: FakeMagicHourServer, render: Double, batches: Int) async -> Double {
        guard renderSpread > 0 else { return Double(batches) * render }
        let first = await fake.stats().projectsCreated
        let distribution = RenderTimeDistribution(median: .seconds(render), spread: renderSpread)
        let times = (first..<first + tasks).map { distribution.seconds(ofProject: $0, seed: fake.configuration.seed) }
        var slots = [Double](repeating: 0, count: min(parallel, tasks))
        for time in times {
            let free = slots.indices.min { slots[$0] < slots[$1] } ?? 0
            slots[free] += time
        }
        return slots.max() ?? 0
    }

    private func measureEngine(
        fake: FakeMagicHourServer, directory: String, run: Int, ideal: Double
    ) async throws -> Figures {
        try? FileManager.default.removeItem(atPath: directory + "/.pipeline")
        try? FileManager.default.removeItem(atPath: directory + "/out")
        let polling =
            pollMs.map { PollPolicy(initialInterval: .milliseconds($0), multiplier: 1, maxInterval: .milliseconds($0)) }
            ?? .expectedCompletion(timeScale: timeFactor)
        // A client per run: the renders it saw finish are this run's.
        let client = EngineBench.client(of: fake, polling: polling)
        let file = try EngineBench.writePipeline(
            in: directory, name: "bench-makespan-\(run)", count: tasks, maxParallel: parallel, download: false)
        let pollsBefore = await fake.stats().requests(.getProject)
        let measurement: EngineBench.Measurement
        do {
            measurement = try await EngineBench.run(file: file, client: client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
        try measurement.check(done: tasks, cached: 0)
        let polls = await fake.stats().requests(.getProject) - pollsBefore
        return Figures(
            makespan: measurement.summary.seconds, ideal: ideal, pollsPerJob: Double(polls) / Double(tasks))
    }

    private func measureSDK(
        fake: FakeMagicHourServer, python: String, directory: String, ideal: Double
    ) async throws -> Figures {
        let before = await fake.stats()
        let seconds = try await VendorSDK.makespan(
            python: python, baseURL: fake.baseURL, token: EngineBench.token, image: directory + "/image.png",
            tasks: tasks, threads: parallel, pollInterval: 0.5 * timeFactor)
        let after = await fake.stats()
        guard after.projectsCreated - before.projectsCreated == tasks else {
            throw ValidationError(
                "the SDK created \(after.projectsCreated - before.projectsCreated) projects, not \(tasks)")
        }
        let polls = after.requests(.getProject) - before.requests(.getProject)
        return Figures(makespan: seconds, ideal: ideal, pollsPerJob: Double(polls) / Double(tasks))
    }

    private func report(engine: [Figures], vendor: [Figures]) {
        let ratio = EngineBench.median(engine.map(\.ratio))
        let polls = EngineBench.median(engine.map(\.pollsPerJob))
        print(
            String(
                format:
                    "  engine (median of %d): makespan ÷ ideal %.3f (target ≤ 1.05: %@), %.1f polls per job (≤ 6: %@)",
                engine.count, ratio, ratio <= 1.05 ? "met" : "NOT met", polls, polls <= 6 ? "met" : "NOT met"))
        guard !vendor.isEmpty else { return }
        let sdkRatio = EngineBench.median(vendor.map(\.ratio))
        let sdkPolls = EngineBench.median(vendor.map(\.pollsPerJob))
        print(
            String(
                format: "  SDK    (median of %d): makespan ÷ ideal %.3f, %.1f polls per job; engine ≤ SDK: %@",
                vendor.count, sdkRatio, sdkPolls, ratio <= sdkRatio ? "met" : "NOT met"))
    }

    /// The 1-minute load average (from /proc/loadavg), to print beside the figures.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}
