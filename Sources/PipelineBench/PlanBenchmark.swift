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

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-bench-plan-\(files)")
            .path
        try Self.prepare(directory: directory, files: files)
        let text = try String(contentsOfFile: directory + "/bench.yaml", encoding: .utf8)
        let baseline = ProcessMemory.residentBytes
        var results: [(parse: Double, validate: Double, plan: Double, tasks: Int)] = []
        for _ in 0..<repeats {
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
