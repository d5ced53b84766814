import Foundation
import PipelineStore
import Testing

@testable import PipelineReport

@Suite("HTML report writer")
struct HTMLWriterTests {
    /// The fixture's run as a page, with its media.
    private func page(_ fixture: ReportFixture, rowLimit: Int = 500) async throws -> (RunReport, String) {
        let builder = RunReportBuilder(store: fixture.store, storePath: fixture.storePath)
        let run = try await fixture.store.findRun(nil, pipeline: nil)
        let source = PipelineSource.locate(
            run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:])
        let report = try await builder.build(run: run, source: source)
        let media = await MediaPreparer().prepare(report, reportPath: fixture.root + "/report.html")
        return (report, HTMLReportWriter(report: report, media: media, timelineRowLimit: rowLimit).html())
    }

    @Test("text from the store is escaped; the page has no script and loads nothing")
    func escapingAndSelfContained() async throws {
        let fixture = try await ReportFixture("escape")
        let (_, html) = try await page(fixture)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert(\"x\")"))
        for remote in ["src=\"http", "href=\"http", "url(http", "@import", "<link", "src=\"//"] {
            #expect(!html.contains(remote), "the page must not load \(remote)…")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("graph, timeline, credits, failures and media are all on the page")
    func sections() async throws {
        let fixture = try await ReportFixture("sections")
        let (report, html) = try await page(fixture)
        for stage in ["thumbs", "clips", "files", "final"] {
            #expect(html.contains(#"<g class="stage-node" data-stage="\#(stage)""#))
        }
        #expect(html.contains(#"data-stage="thumbs" data-outcome="failed""#))
        #expect(html.contains(##"fill="#d0312d""##), "the failed stage is red")
        #expect(html.components(separatedBy: #"<g class="stage-edge""#).count - 1 == 3)
        // Four tasks waited or ran; the cached and the skipped one have no bar but are listed.
        #expect(html.components(separatedBy: #"<g class="timeline-row""#).count - 1 == 4)
        #expect(html.contains(#"class="phase phase-rendering""#))
        #expect(html.contains("2 tasks did not run and have no bar: 1 cached, 1 skipped"))
        #expect(html.contains(#"<td class="number stage-credits">120</td>"#))
        #expect(html.contains(#"<td class="number run-credits">120</td>"#))
        #expect(html.contains(#"<article class="failure status-failed" data-task="thumbs[assets/b.png]">"#))
        #expect(html.contains("1 skipped task"))
        #expect(html.contains(#"<dd data-fact="failed">1</dd>"#))
        #expect(html.contains(#"<dd data-fact="credits-spent"><span class="credits-total">120</span></dd>"#))

        // The embedded video is the file's bytes; the thumbnail is a JPEG.
        let video = try #require(Self.dataURIs(in: html, type: "video/mp4").first)
        #expect(video == fixture.video)
        let thumbnail = try #require(Self.dataURIs(in: html, type: "image/jpeg").first)
        #expect(thumbnail.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(report.videos.count == 1)
        #expect(html.contains("also at <code>out/.work/files/a-one.mp4</code>"))
    }

    @Test("thousands of tasks: the timeline draws a capped number of rows and says how many more")
    func timelineCap() async throws {
        let fixture = try await ReportFixture("cap")
        var tasks: [TaskRecord] = []
        for index in 0..<3000 {
            tasks.append(
                TaskRecord(
                    runID: fixture.runID, taskID: String(format: "many[%04d]", index), stage: "many",
                    cacheKey: "m\(index)",
                    status: .succeeded, queuedAt: fixture.at(Double(index) / 100),
                    startedAt: fixture.at(Double(index) / 100 + 0.01),
                    finishedAt: fixture.at(Double(index) / 100 + 0.5)))
        }
        try await fixture.store.recordTasks(tasks)
        let (report, html) = try await page(fixture, rowLimit: 200)
        #expect(report.tasks.count == 3006)
        #expect(report.stages.last?.name == "many")
        #expect(html.components(separatedBy: #"<g class="timeline-row""#).count - 1 == 200)
        #expect(html.contains("2804 more tasks are not drawn"))
        #expect(html.utf8.count < 2_000_000)
    }

    @Test("write(to:) replaces the file whole, and a bad folder is a clear error")
    func writeToFile() async throws {
        let fixture = try await ReportFixture("write")
        let builder = RunReportBuilder(store: fixture.store, storePath: fixture.storePath)
        let run = try await fixture.store.findRun(nil, pipeline: nil)
        let report = try await builder.build(
            run: run,
            source: PipelineSource.locate(
                run: run, compilation: nil, storePath: fixture.storePath, currentDirectory: "/", environment: [:]))
        let media = await MediaPreparer().prepare(report, reportPath: fixture.root + "/report.html")
        let writer = HTMLReportWriter(report: report, media: media, generatedAt: Date(timeIntervalSince1970: 0))
        let path = fixture.root + "/report.html"
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        try writer.write(to: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == writer.html())
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.root).filter { $0.hasSuffix(".part") }.isEmpty)
        #expect(throws: ReportError.self) { try writer.write(to: fixture.root + "/no/such/folder/report.html") }
    }

    @Test("escaping covers markup, quotes and control characters")
    func escape() {
        #expect(HTMLText.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{1}b") == "a\u{FFFD}b")
        #expect(HTMLText.truncated("abcdef", to: 4) == "abc…")
    }

    /// The decoded payloads of every `data:TYPE;base64,…` URI in the page.
    static func dataURIs(in html: String, type: String) -> [Data] {
        let marker = "data:\(type);base64,"
        return html.components(separatedBy: marker).dropFirst().compactMap { part in
            Data(base64Encoded: String(part.prefix { $0 != "\"" }))
        }
    }
}
