import Foundation
import PipelineStore
import Testing

@testable import PipelineReport

@Suite("Report model")
struct ModelTests {
    @Test("a stage takes the worst status of its tasks")
    func worstStatus() {
        #expect(StageOutcome.worst(of: [TaskStatus]()) == .noTasks)
        #expect(StageOutcome.worst(of: [.cached, .cached]) == .cached)
        #expect(StageOutcome.worst(of: [.cached, .succeeded]) == .succeeded)
        #expect(StageOutcome.worst(of: [.succeeded, .skipped, .cached]) == .skipped)
        #expect(StageOutcome.worst(of: [.skipped, .uncertain]) == .uncertain)
        #expect(StageOutcome.worst(of: [.uncertain, .failed, .succeeded]) == .failed)
        #expect(StageOutcome.worst(of: [.succeeded, .running]) == .running)
    }

    @Test("depth is the longest path from a root; unknown and cyclic edges do not hang")
    func depths() {
        let edges = [
            StageEdge(from: "a", to: "b", kind: .forEach), StageEdge(from: "b", to: "c", kind: .forEach),
            StageEdge(from: "a", to: "c", kind: .needs), StageEdge(from: "c", to: "d", kind: .forEach),
            StageEdge(from: "x", to: "d", kind: .needs),
        ]
        let depths = StageGraph.depths(of: ["a", "b", "c", "d", "lonely"], edges: edges)
        #expect(depths == ["a": 0, "b": 1, "c": 2, "d": 3, "lonely": 0])
        let cyclic = StageGraph.depths(
            of: ["p", "q"],
            edges: [StageEdge(from: "p", to: "q", kind: .needs), StageEdge(from: "q", to: "p", kind: .needs)])
        #expect(cyclic.count == 2)
    }

    @Test("the builder reads stages, outcomes, credits, problems and media from a real store")
    func buildsFromStore() async throws {
        let fixture = try await ReportFixture("model")
        let builder = RunReportBuilder(store: fixture.store, storePath: fixture.storePath)
        let run = try await fixture.store.findRun(nil, pipeline: nil)
        #expect(run.id == fixture.runID)
        let source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        #expect(source.file == fixture.root + "/flow.yaml")
        #expect(source.notes.isEmpty)
        let report = try await builder.build(run: run, source: source)

        #expect(report.stages.map(\.name) == ["thumbs", "clips", "files", "final"])
        #expect(report.stages.map(\.depth) == [0, 1, 2, 3])
        #expect(report.stages.map(\.outcome) == [.failed, .skipped, .succeeded, .cached])
        #expect(report.stages.map(\.typeName) == ["image.resize", "magic_hour.image_to_video", "download", "rename"])
        #expect(report.edges.count == 3)
        #expect(report.edges.allSatisfy { $0.kind == .forEach })
        #expect(report.stages.map(\.credits) == [0, 120, 0, 0])
        #expect(report.taskCredits == 120)
        #expect(report.counts[.succeeded] == 3)

        #expect(report.problems.map(\.taskID) == ["thumbs[assets/b.png]", "clips[assets/b.png]{take=one}"])
        #expect(report.problems[0].message == ReportFixture.hostileError)
        #expect(report.problems[1].message == "dependency thumbs[assets/b.png] failed")

        #expect(report.images.map(\.file.path) == ["out/.work/thumbs/a.png"])
        #expect(report.images[0].file.state == .present)
        #expect(report.videos.count == 1, "the download and its hard-linked rename are one video")
        #expect(report.videos[0].files.map(\.path) == ["out/a-one.mp4", "out/.work/files/a-one.mp4"])
        #expect(report.videos[0].taskIDs.count == 2)
        #expect(report.videos[0].primary.absolutePath == fixture.root + "/out/a-one.mp4")
    }

    @Test("deleted and changed outputs are reported as such, not as errors")
    func missingAndChangedFiles() async throws {
        let fixture = try await ReportFixture("missing")
        try FileManager.default.removeItem(atPath: fixture.root + "/out/a-one.mp4")
        try Data("changed".utf8).write(to: URL(fileURLWithPath: fixture.root + "/out/.work/thumbs/a.png"))
        let builder = RunReportBuilder(store: fixture.store, storePath: fixture.storePath)
        let run = try await fixture.store.findRun(fixture.runID, pipeline: "flow")
        let source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        var report = try await builder.build(run: run, source: source)
        #expect(report.images[0].file.state == .changed(bytes: 7))
        #expect(report.videos[0].files[0].state == .missing)
        #expect(report.videos[0].primary.path == "out/.work/files/a-one.mp4", "the copy still on disk plays")

        try FileManager.default.removeItem(atPath: fixture.root + "/out/.work/files/a-one.mp4")
        report = try await builder.build(run: run, source: source)
        #expect(!report.videos[0].primary.exists)
        let media = await MediaPreparer().prepare(report, reportPath: fixture.root + "/report.html")
        #expect(media.videos[report.videos[0].sha256] == .missing)
        let html = HTMLReportWriter(report: report, media: media).html()
        #expect(html.contains(#"data-source="missing""#))
        #expect(html.contains("missing: deleted or moved since the run"))
    }

    @Test("unknown run ids and empty stores are clear errors")
    func runLookupErrors() async throws {
        let fixture = try await ReportFixture("lookup")
        await #expect(throws: RunLookupError.notFound(id: "nope")) {
            try await fixture.store.findRun("nope", pipeline: nil)
        }
        await #expect(throws: RunLookupError.noRuns(pipeline: "other")) {
            try await fixture.store.findRun(nil, pipeline: "other")
        }
        #expect(RunLookupError.notFound(id: "nope").description.contains("pipeline runs"))
    }

    @Test("without its pipeline file, stages come from the tasks and no edge is drawn")
    func stagesFromTasksOnly() async throws {
        let fixture = try await ReportFixture("nofile")
        try FileManager.default.removeItem(atPath: fixture.root + "/flow.yaml")
        let builder = RunReportBuilder(store: fixture.store, storePath: fixture.storePath)
        let run = try await fixture.store.findRun(nil, pipeline: nil)
        let source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        #expect(source.graph == nil)
        #expect(source.baseDirectory == fixture.root)
        #expect(source.notes.count == 1)
        let report = try await builder.build(run: run, source: source)
        #expect(Set(report.stages.map(\.name)) == ["thumbs", "clips", "files", "final"])
        #expect(report.edges.isEmpty)
        #expect(report.stages.allSatisfy { $0.depth == 0 })
        // Types come from the cache where it knows them.
        #expect(report.stages.first { $0.name == "final" }?.typeName == "rename")
        #expect(report.videos.count == 1, "media are still found relative to the store's pipeline folder")
    }

    @Test("a file with errors now, or of another pipeline, gives no graph but a note")
    func unusableFiles() async throws {
        let fixture = try await ReportFixture("badfile")
        let run = try await fixture.store.findRun(nil, pipeline: nil)
        try "version: 1\nname: flow\nstages: [".write(
            toFile: fixture.root + "/flow.yaml", atomically: true, encoding: .utf8)
        var source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        #expect(source.graph == nil)
        #expect(source.notes.first?.contains("has errors now") == true)
        try ReportFixture.pipelineText.replacingOccurrences(of: "name: flow", with: "name: other")
            .write(toFile: fixture.root + "/flow.yaml", atomically: true, encoding: .utf8)
        source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        #expect(source.graph == nil)
        #expect(source.notes.first?.contains("now names the pipeline 'other'") == true)
    }

    @Test("a phase lasts until the next mark or the end; waiting comes first")
    func timelineSegments() {
        let zero = Date(timeIntervalSince1970: 1000)
        let task = TaskRecord(
            runID: "r", taskID: "t", stage: "s", cacheKey: "k", status: .succeeded, queuedAt: zero,
            startedAt: zero.addingTimeInterval(1), finishedAt: zero.addingTimeInterval(5),
            phases: [
                TaskPhaseMark(phase: "uploading", at: zero.addingTimeInterval(1.5)),
                TaskPhaseMark(phase: "rendering", at: zero.addingTimeInterval(2)),
            ])
        let segments = TimelineSVG.segments(of: task, end: zero.addingTimeInterval(9))
        #expect(segments.map(\.phase) == ["waiting", "running", "uploading", "rendering"])
        #expect(segments.map { $0.start.timeIntervalSince(zero) } == [0, 1, 1.5, 2])
        #expect(segments.map { $0.end.timeIntervalSince(zero) } == [1, 1.5, 2, 5])
        // Unfinished: the last phase runs to the end of the chart.
        var open = task
        open.finishedAt = nil
        #expect(TimelineSVG.segments(of: open, end: zero.addingTimeInterval(9)).last?.end == zero.addingTimeInterval(9))
        #expect(TimelineSVG.tickStep(7) == 1)
        #expect(TimelineSVG.tickStep(3600) == 600)
    }
}
