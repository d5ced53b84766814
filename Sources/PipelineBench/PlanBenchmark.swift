import ArgumentParser
import Foundation
import PipelineBasics
import PipelineLanguage

/// Parse, validate and plan a pipeline over many input files × 3 resolutions × 4 stages.
struct PlanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Time parse, validate and plan of a generated pipeline (targets: < 1 s, < 300 MB at 10,000 files)."
    )

    @Option(help: "Input files to generate.")
    var files = 10_000

    @Option(help: "Repetitions; the median is reported.")
    var repeats = 3

    @Option(
        help:
            "The pipeline CLI whose `plan --summary` is timed on the same file, alternated with the in-process plan (default: `pipeline` next to this program, when it is there)."
    )
    var cli: String?

    @Flag(help: "Also time Snakemake's dry run of the same DAG (installed from PyPI into --snakemake-venv).")
    var vsSnakemake = false

    @Option(help: "The virtual environment snakemake is installed in (created when missing).")
    var snakemakeVenv = SnakemakePeer.defaultEnvironment

    @Option(help: "Snakemake dry runs to time (each is slow: about a minute at 10,000 files).")
    var snakemakeRepeats = 1

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-bench-plan-\(files)")
            .path
        try Self.prepare(directory: directory, files: files)
        let text = try String(contentsOfFile: directory + "/bench.yaml", encoding: .utf8)
        let baseline = ProcessMemory.residentBytes
        var results: [(parse: Double, validate: Double, plan: Double, tasks: Int)] = []
        let program = cli ?? (URL(fileURLWithPath: Executable.current).deletingLastPathComponent().path + "/pipeline")
        let timesCLI = FileManager.default.isExecutableFile(atPath: program)
        var cliRuns: [TimedChild] = []
        for _ in 0..<repeats {
            if timesCLI { cliRuns.append(try Self.timePlanCommand(program, in: directory)) }
            let compilation = PipelineCompiler().compile(
                source: SourceFile(path: "bench.yaml", text: text), baseDirectory: directory,
                options: PlanOptions(computeCacheKeys: true))
            guard let plan = compilation.plan else {
                throw ValidationError("the generated pipeline did not plan: \(compilation.diagnostics.prefix(3))")
            }
            let t = compilation.timings
            results.append((t.parse.seconds, t.validate.seconds, t.plan.seconds, plan.tasks.count))
        }
        let median = results.sorted { $0.parse + $0.validate + $0.plan < $1.parse + $1.validate + $1.plan }[
            results.count / 2]
        let total = median.parse + median.validate + median.plan
        print(
            "plan benchmark: \(files) input files × 3 resolutions × 4 stages = \(median.tasks) tasks (median of \(repeats))"
        )
        print(String(format: "  parse     %8.1f ms", median.parse * 1000))
        print(String(format: "  validate  %8.1f ms", median.validate * 1000))
        print(
            String(
                format: "  plan      %8.1f ms  (globbing, %d tasks, edges, SHA-256 cache keys, hashing %d files)",
                median.plan * 1000, median.tasks, files))
        print(String(format: "  total     %8.1f ms  (target < 1000 ms)", total * 1000))
        print(
            "  peak memory \(ProcessMemory.megabytes(ProcessMemory.peakResidentBytes)) (process start \(ProcessMemory.megabytes(baseline)); target < 300 MB)"
        )
        if timesCLI {
            let seconds = cliRuns.map(\.seconds).sorted()[cliRuns.count / 2]
            let peak = cliRuns.map(\.peakBytes).max() ?? 0
            print(
                String(
                    format:
                        "  pipeline plan --summary (a process, alternated): %.1f ms, peak %@; ratio to the total above %.2f (goal ≤ 1.2: %@)",
                    seconds * 1000, ProcessMemory.megabytes(peak), seconds / max(total, 1e-9),
                    seconds <= 1.2 * total ? "met" : "NOT met"))
            // The later plans in this process reuse the memory the first one freed; a process,
            // like the first plan, has every page of its memory handed to it afresh.
            let first = results[0].parse + results[0].validate + results[0].plan
            if repeats > 1 {
                print(
                    String(
                        format:
                            "  the first plan in this process (fresh memory, as a process has): %.1f ms; the CLI's ratio to it %.2f",
                        first * 1000, seconds / max(first, 1e-9)))
            }
        } else {
            print(
                "  (no pipeline CLI at \(program): build it with --product pipeline, or pass --cli, to time `plan --summary`)"
            )
        }
        if vsSnakemake { try compareWithSnakemake(directory: directory, ours: timesCLI ? cliRuns : nil, total: total) }
    }

    /// `pipeline plan bench.yaml --summary` as a process, without a Magic Hour key (no account read).
    static func timePlanCommand(_ program: String, in directory: String) throws -> TimedChild {
        var environment = ProcessInfo.processInfo.environment
        environment["MAGIC_HOUR_API_KEY"] = nil
        return try TimedChild.run(
            program, ["plan", "bench.yaml", "--summary"], in: directory, environment: environment
        )
        .checked("pipeline plan")
    }

    /// Times Snakemake's dry run of the same DAG and prints it beside ours, with the ratio.
    func compareWithSnakemake(directory: String, ours: [TimedChild]?, total: Double) throws {
        let snakemake = try SnakemakePeer.install(in: snakemakeVenv)
        try SnakemakePeer.writeSnakefile(in: directory)
        let runs = try SnakemakePeer.dryRuns(program: snakemake, directory: directory, repeats: snakemakeRepeats)
        let seconds = runs.map(\.seconds).sorted()[runs.count / 2]
        let peak = runs.map(\.peakBytes).max() ?? 0
        let mine = ours.map { $0.map(\.seconds).sorted()[$0.count / 2] } ?? total
        print(
            String(
                format: "  snakemake %@ -n (same DAG, Snakefile in %@): %.1f ms, peak %@ (median of %d)",
                SnakemakePeer.version, directory, seconds * 1000, ProcessMemory.megabytes(peak), runs.count))
        print(
            String(
                format: "  ratio snakemake -n ÷ %@: %.1f×", ours == nil ? "in-process plan" : "pipeline plan --summary",
                seconds / max(mine, 1e-9)))
    }

    static func prepare(directory: String, files: Int) throws {
        let manager = FileManager.default
        let inputs = directory + "/photos"
        if (try? manager.contentsOfDirectory(atPath: inputs).count) != files {
            try? manager.removeItem(atPath: directory)
            try manager.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            for index in 0..<files {
                let name = String(format: "photo-%05d.jpg", index)
                try Data("not really a jpeg, but unique content \(index)\n".utf8).write(
                    to: URL(fileURLWithPath: inputs + "/" + name))
            }
        }
        let yaml = """
            version: 1
            name: bench
            settings:
              output_dir: out
              max_parallel: 50
            inputs:
              photos:
                glob: photos/*.jpg
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 1280, height: 720, fit: cover }
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ stages.thumbs }}
                matrix:
                  resolution: [480p, 720p, 1080p]
                with:
                  image: ${{ item.path }}
                  model: ltx-2.3
                  end_seconds: 5
                  resolution: ${{ matrix.resolution }}
                  prompt: "slow push-in on ${{ item.stem }}"
              files:
                uses: download
                for_each: ${{ stages.clips }}
              final:
                uses: rename
                for_each: ${{ stages.files }}
                with: { to: "${{ item.matrix.resolution }}/${{ item.stem }}.mp4" }
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: directory + "/bench.yaml"))
    }
}
