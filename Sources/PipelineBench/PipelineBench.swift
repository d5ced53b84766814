import ArgumentParser

/// `pipeline-bench` — one subcommand per performance figure. Build it in release mode:
/// `swift build -c release --product pipeline-bench`.
@main
struct PipelineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline-bench",
        abstract: "Measure pipeline's speed and memory; each subcommand prints its figures.",
        subcommands: [
            PlanBenchmark.self, FakeThroughputBenchmark.self, DownloadBenchmark.self,
            MakespanBenchmark.self, EngineThroughputBenchmark.self, NoopRunBenchmark.self, StoreBenchmark.self,
            StoreClaimsBenchmark.self, ResizeBenchmark.self,
        ]
    )
}
