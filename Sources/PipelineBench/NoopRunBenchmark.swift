import ArgumentParser
import Foundation
import PipelineBasics
import MagicHour
import PipelineEngine
import PipelineImaging
import PipelinePostgres
import PipelineStages
import PipelineStore

/// `pipeline-bench noop` — a re-run of a completed 10,000-task pipeline, which has nothing to do.
struct NoopRunBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noop",
        abstract: "Time a no-op re-run of a completed pipeline of 10,000 paid tasks (target < 2 s).",
        discussion: """
            Runs a generated pipeline (a values: input of --tasks items → one paid 480p clip each, zero render time) \
            once against an in-process fake to fill the state store, then times PipelineRunner.run again (compile, \
            lock, store open, fingerprints, cache lookup, scheduling, recording), and times its parts separately.
            """
    )

    @Option(help: "Paid tasks in the pipeline.")
    var tasks = 10_000

    @Option(help: "settings.max_parallel of the first (filling) run.")
    var parallel = 100

    @Option(help: "Timed re-runs; the median is reported.")
    var repeats = 3

    @Flag(
        help:
            "Use --tasks small input images (a glob) each resized instead of paid tasks: input fingerprints and output checks."
    )
    var files = false

    @Option(
        help:
            "A PostgreSQL server (postgres://user@host:port/db; password in PGPASSWORD) to keep the state in, in a fresh schema dropped afterwards, instead of a SQLite file."
    )
    var postgres: String?

    @Option(help: "The pipeline CLI to time as a process beside make (default: `pipeline` next to this program).")
    var cli: String?

    @Flag(help: "Keep the generated pipeline, its state and the Makefile (their folder is printed), to profile a run.")
    var keepWorkspace = false

    func run() async throws {
        let directory = try EngineBench.workspace("noop")
        let fake = try await EngineBench.startFake(renderTime: .zero)
        let client = EngineBench.client(of: fake, pollInterval: .milliseconds(100))
        defer {
            if keepWorkspace {
                print("  workspace kept: \(directory)")
            } else {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let file =
            files
            ? try Self.writeFilePipeline(in: directory, count: tasks, maxParallel: parallel)
            : try EngineBench.writePipeline(
                in: directory, name: "bench-noop", count: tasks, maxParallel: parallel, download: false)
        print(
            files
                ? "noop: re-run of a completed pipeline of \(tasks) local tasks (glob of \(tasks) small PNGs × image.resize)"
                : "noop: re-run of a completed pipeline of \(tasks) paid tasks (values input × magic_hour.image_to_video)"
        )
        // A schema of its own on the server, so the first run fills an empty ledger.
        let state = postgres.map { url in
            let schema = "bench_noop_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
        }
        if let state { print("  state: PostgreSQL, \(StateLocation.postgres(url: state))") }
        var reruns: [EngineBench.Measurement] = []
        var parts: [(compile: Double, prepare: Double)] = []
        var growth: (rows: [Int], bytes: [Int64]) = ([], [])
        var versusMake: (make: [TimedChild], other: [TimedChild], planned: [TimedChild]) = ([], [], [])
        do {
            try await EngineBench.warmUp(client: client, directory: directory)
            let first = try await EngineBench.run(file: file, client: client, state: state)
            try first.check(done: tasks, cached: 0)
            print(
                String(
                    format: "  first run (fills the state store): %.2f s, %.0f tasks/s", first.wall,
                    Double(tasks) / first.wall))
            let created = await fake.stats().projectsCreated
            let location = try PipelineSession(file: file, options: RunOptions(statePath: state)).state
            let statePath = location.filePath ?? ""
            for index in 0..<max(1, repeats) {
                let sizeBefore = Self.storeBytes(statePath)
                let measurement = try await EngineBench.run(file: file, client: client, state: state)
                try measurement.check(done: 0, cached: tasks)
                reruns.append(measurement)
                growth.bytes.append(Self.storeBytes(statePath) - sizeBefore)
                let store = try await EngineBench.openStore(location)
                growth.rows.append(try await store.tasks(runID: measurement.summary.runID).count)
                try store.close()
                parts.append(try await Self.parts(file: file, client: client, state: state))
                print(
                    String(
                        format: "  re-run %d: %@ end to end (scheduler %@)", index + 1,
                        EngineBench.ms(measurement.wall), EngineBench.ms(measurement.summary.seconds)))
            }
            versusMake = try Self.versusMake(
                file: file, directory: directory, count: tasks, files: files, state: state, baseURL: fake.baseURL,
                cli: cli ?? (URL(fileURLWithPath: Executable.current).deletingLastPathComponent().path + "/pipeline"),
                repeats: max(repeats, 5))
            let after = await fake.stats().projectsCreated
            guard after == created else { throw ValidationError("the re-runs created \(after - created) projects") }
        } catch {
            try? await client.shutdown()
            await fake.stop()
            throw error
        }
        try? await client.shutdown()
        await fake.stop()
        if let state, let store = try? await PostgresStateStore(state) {
            try? await store.dropSchema()
            await store.shutdown()
        }
        let wall = EngineBench.median(reruns.map(\.wall))
        let scheduler = EngineBench.median(reruns.map(\.summary.seconds))
        let compile = EngineBench.median(parts.map(\.compile))
        let prepare = EngineBench.median(parts.map(\.prepare))
        print("  median of \(reruns.count) re-runs, 0 projects created, every task cached:")
        print("    compile (parse, validate, plan without keys)   \(EngineBench.ms(compile))")
        print("    prepare (fingerprints, cache keys added to the")
        print("             plan, cache lookup, dispositions)      \(EngineBench.ms(prepare))")
        print("    scheduler (cached tasks, task records)          \(EngineBench.ms(scheduler))")
        print(
            "    lock, store open, run records, rest             \(EngineBench.ms(max(0, wall - compile - prepare - scheduler)))"
        )
        print(
            String(
                format: "    total PipelineRunner.run                        %@  target < 2000 ms: %@",
                EngineBench.ms(wall), wall < 2 ? "met" : "NOT met"))
        Self.printVersusMake(versusMake, inProcess: wall, count: tasks)
        let rows = growth.rows.max() ?? 0
        print(
            "  store growth per no-op run: \(rows) task rows (goal: 0: \(rows == 0 ? "met" : "NOT met")), "
                + "file \(growth.bytes.map { "\($0 / 1024) KiB" }.joined(separator: ", ")) "
                + "(state file and its WAL; the WAL is reused after a checkpoint, so growth is not cumulative)")
    }

    /// Writes the Makefile of the same DAG, then times `pipeline run` (a process, as people run
    /// it) and `make -s`, both with nothing to do, alternated: `pipeline run` as it runs again with
    /// nothing changed (told from the pipeline's up-to-date record, which a first untimed run writes),
    /// and then planned (each run in another environment, so that no record holds).
    static func versusMake(
        file: String, directory: String, count: Int, files: Bool, state: String?, baseURL: String, cli: String,
        repeats: Int
    ) throws -> (make: [TimedChild], other: [TimedChild], planned: [TimedChild]) {
        guard FileManager.default.isExecutableFile(atPath: cli) else {
            throw ValidationError(
                "no pipeline CLI at \(cli): build it (swift build -c release --product pipeline) or pass --cli")
        }
        try MakePeer.writeMakefile(in: directory, count: count, files: files)
        var environment = ProcessInfo.processInfo.environment
        environment["MAGIC_HOUR_API_KEY"] = EngineBench.token
        var arguments = ["run", file, "--api-base-url", baseURL]
        if let state { arguments += ["--state", state] }
        // Past the racy window of the files the runs before wrote; then the run that writes the record.
        Thread.sleep(forTimeInterval: 2.1)
        _ = try TimedChild.run(cli, arguments, in: directory, environment: environment).checked("pipeline run")
        let upToDate = try MakePeer.alternate(in: directory, repeats: repeats) { _ in
            try TimedChild.run(cli, arguments, in: directory, environment: environment).checked("pipeline run")
        }
        let planned = try (0..<repeats).map { index in
            var other = environment
            other["PIPELINE_BENCH_RUN"] = String(index)
            return try TimedChild.run(cli, arguments, in: directory, environment: other).checked("pipeline run")
        }
        return (upToDate.make, upToDate.other, planned)
    }

    static func printVersusMake(
        _ runs: (make: [TimedChild], other: [TimedChild], planned: [TimedChild]), inProcess: Double, count: Int
    ) {
        let make = EngineBench.median(runs.make.map(\.seconds))
        let cli = EngineBench.median(runs.other.map(\.seconds))
        let planned = EngineBench.median(runs.planned.map(\.seconds))
        let makeMemory = runs.make.map(\.peakBytes).max() ?? 0
        let cliMemory = runs.other.map(\.peakBytes).max() ?? 0
        let plannedMemory = runs.planned.map(\.peakBytes).max() ?? 0
        print("  peer: make -s on the same DAG (\(count) targets, nothing to do), alternated with `pipeline run`:")
        print(
            "    make -s                          \(EngineBench.ms(make))  peak \(ProcessMemory.megabytes(makeMemory))")
        print(
            "    pipeline run (a process, up to date) \(EngineBench.ms(cli))  peak \(ProcessMemory.megabytes(cliMemory))"
        )
        print(
            "    pipeline run (a process, planned)    \(EngineBench.ms(planned))  peak "
                + "\(ProcessMemory.megabytes(plannedMemory))  (another environment each time: no record holds)")
        print(
            String(
                format:
                    "    ratio pipeline run ÷ make: %.2f up to date, %.2f planned (in process %.2f); goal ≤ 1: %@  (medians of %d)",
                cli / max(make, 1e-9), planned / max(make, 1e-9), inProcess / max(make, 1e-9),
                cli <= make ? "met" : "NOT met", runs.make.count))
    }

    /// The state file's bytes plus its WAL's.
    static func storeBytes(_ path: String) -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }

    /// Writes `count` copies of one generated 32×32 PNG under `photos/` and `bench.yaml`, which
    /// resizes each to 16×16.
    static func writeFilePipeline(in directory: String, count: Int, maxParallel: Int) throws -> String {
        let inputs = directory + "/photos"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        do {
            try SyntheticImage.write(to: directory + "/small.png", width: 32, height: 32)
        } catch {
            throw ValidationError("cannot write the benchmark image: \(error)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/small.png"))
        // Older than the fingerprinter's racy window, so that the first run remembers them.
        let past = Date().addingTimeInterval(-60)
        for index in 0..<count {
            let path = inputs + "/" + String(format: "photo-%05d.png", index)
            try bytes.write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        }
        let yaml = """
            version: 1
            name: bench-noop-files
            settings:
              output_dir: out
              max_parallel: \(maxParallel)
            inputs:
              photos:
                glob: photos/*.png
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item.path }}", width: 16, height: 16, fit: cover }

            """
        let path = directory + "/bench.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Times the session's compile and `prepare` on their own (the store opened beforehand).
    static func parts(
        file: String, client: MagicHourClient, state: String?
    ) async throws -> (compile: Double, prepare: Double) {
        let clock = ContinuousClock()
        var start = clock.now
        let session = try PipelineSession(file: file, options: RunOptions(statePath: state))
        let compile = start.duration(to: clock.now).seconds
        let store = try await EngineBench.openStore(session.state)
        defer { try? store.close() }
        start = clock.now
        let prepared = try await session.prepare(store: store, runID: PipelineRunner.newRunID(), saveFingerprints: true)
        let prepare = start.duration(to: clock.now).seconds
        guard prepared.counts.cached == prepared.plan.tasks.count else {
            throw ValidationError("prepare found \(prepared.counts.toRun) tasks to run")
        }
        return (compile, prepare)
    }
}
