import ArgumentParser
import Foundation
import PipelineLanguage
import PipelineReport

/// `pipeline report [RUN] [FILE]` — one run as a self-contained HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write one run's report as a self-contained HTML page (stage graph, timeline, credits, failures, media).",
        discussion: """
            RUN is a run id or a unique prefix of one (default: the newest run of the pipeline, or of the store). A pipeline file, as an \
            argument or with --file, locates the store and draws the stage graph; without one, the file the run \
            recorded is used when it still exists.

            The page needs no network: thumbnails and videos are embedded as data URIs, videos up to \
            --embed-limit-mb in total; the rest are linked by a path relative to the page.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The run id (or a unique prefix) and/or the pipeline file (.yaml/.yml), in any order.",
            valueName: "run-or-file"))
    var targets: [String] = []

    @Option(name: .customLong("file"), help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var fileOption: String?

    @OptionGroup var location: StoreLocation

    @Option(name: [.short, .customLong("output")], help: "Where to write the page.")
    var output: String = "report.html"

    @Option(name: .customLong("embed-limit-mb"), help: "Embed videos up to this many MB in total; link the rest.")
    var embedLimitMB: Double = 64

    func validate() throws {
        _ = try split()
        guard embedLimitMB >= 0, embedLimitMB.isFinite else {
            throw ValidationError("--embed-limit-mb must be 0 or more")
        }
        guard !output.isEmpty else { throw ValidationError("-o needs a file path") }
    }

    /// The run id and the pipeline file among the arguments: a file ends in .yaml/.yml or exists.
    private func split() throws -> (run: String?, file: String?) {
        var run: String?
        var file = fileOption
        for target in targets {
            let lowered = target.lowercased()
            let isFile =
                lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
                || FileManager.default.fileExists(atPath: target)
            if isFile {
                guard file == nil else {
                    throw ValidationError("give one pipeline file, not '\(file ?? "")' and '\(target)'")
                }
                file = target
            } else {
                guard run == nil else { throw ValidationError("give one run id, not '\(run ?? "")' and '\(target)'") }
                run = target
            }
        }
        return (run, file)
    }

    func run() async throws {
        let (runID, file) = try split()
        let opened = try await location.open(file: file)
        defer { try? opened.store.close() }
        // The run as `status` finds it: an id, a unique prefix of one, or the newest.
        let run = try await RunSelection.find(runID, pipeline: opened.pipelineName, in: opened.store)
        let environment = ProcessInfo.processInfo.environment
        let currentDirectory = FileManager.default.currentDirectoryPath
        let builder = RunReportBuilder(store: opened.store, storePath: opened.location.description)
        let outputPath = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: currentDirectory + "/"))
            .standardizedFileURL.path
        do {
            let source = PipelineSource.locate(
                run: run, compilation: opened.compilation,
                storePath: opened.location.filePath ?? PathText.join(currentDirectory, Settings.defaultStateFile),
                currentDirectory: currentDirectory,
                environment: environment)
            let report = try await builder.build(run: run, source: source)
            let media = await MediaPreparer(embedLimitBytes: Int64(embedLimitMB * 1024 * 1024)).prepare(
                report, reportPath: outputPath)
            try? FileManager.default.createDirectory(
                atPath: (outputPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try HTMLReportWriter(report: report, media: media).write(to: outputPath)
            var line =
                "report: \(output) (run \(run.id), \(run.outcome.rawValue); \(media.embeddedCount) video\(media.embeddedCount == 1 ? "" : "s") embedded"
            if media.linkedCount > 0 {
                line += ", \(media.linkedCount) linked (over --embed-limit-mb \(Self.number(embedLimitMB)))"
            }
            StandardStreams.out(line + ")\n")
        } catch {
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.taskFailures
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
