import Foundation
import PipelineImaging
import PipelineStore
import Testing

@testable import PipelineReport

@Suite("Report media")
struct MediaTests {
    @Test("relative paths from the report's folder, percent-encoded for a URL")
    func relativePaths() {
        #expect(RelativePath.from(directory: "/a/b/reports", to: "/a/b/out/x.mp4") == "../out/x.mp4")
        #expect(RelativePath.from(directory: "/a/b", to: "/a/b/x.mp4") == "x.mp4")
        #expect(RelativePath.from(directory: "/a/b", to: "/a/b/c/d/x.mp4") == "c/d/x.mp4")
        #expect(RelativePath.from(directory: "/x", to: "/y/z.mp4") == "../y/z.mp4")
        #expect(RelativePath.from(directory: "/", to: "/y/z.mp4") == "y/z.mp4")
        #expect(RelativePath.from(directory: "/a/./b/../b", to: "/a/b/x.mp4") == "x.mp4")
        #expect(RelativePath.urlEncoded("../out/my clip#1?.mp4") == "../out/my%20clip%231%3F.mp4")
        #expect(RelativePath.urlEncoded("a:b/é.mp4") == "a%3Ab/%C3%A9.mp4")
    }

    @Test("thumbnails are small JPEGs made with libvips; missing images are marked")
    func thumbnails() async throws {
        let fixture = try await ReportFixture("thumbs")
        try SyntheticImage.write(to: fixture.root + "/big.png", width: 1600, height: 900)
        let images = [
            image("big.png", fixture), image("out/.work/thumbs/a.png", fixture),
            image("gone.png", fixture, state: .missing),
            image("assets/b.png", fixture),
        ]
        let report = RunReport(
            run: RunRecord(id: "r", pipeline: "p", file: "p.yaml", startedAt: Date(), host: "h", pid: 1),
            baseDirectory: fixture.root, pipelineFile: nil, stages: [], edges: [], tasks: [], problems: [],
            images: images,
            videos: [], notes: [])
        let media = await MediaPreparer(maxThumbnails: 10, thumbnailSide: 120).prepare(
            report, reportPath: fixture.root + "/r.html")
        guard case .jpeg(let data) = media.thumbnails[fixture.root + "/big.png"] else {
            Issue.record("no thumbnail for big.png: \(String(describing: media.thumbnails[fixture.root + "/big.png"]))")
            return
        }
        #expect(data.starts(with: [0xFF, 0xD8, 0xFF]))
        let written = fixture.root + "/check.jpg"
        try data.write(to: URL(fileURLWithPath: written))
        let size = try ImageResizer().imageSize(atPath: written)
        #expect(size.width == 120 && size.height == 68)
        #expect(media.thumbnails[fixture.root + "/gone.png"] == .missing)
        if case .unreadable(let reason) = media.thumbnails[fixture.root + "/assets/b.png"] {
            #expect(reason.contains("b.png"))
        } else {
            Issue.record("a corrupt image should be unreadable")
        }
        let capped = await MediaPreparer(maxThumbnails: 1).prepare(report, reportPath: fixture.root + "/r.html")
        #expect(capped.thumbnails.values.filter { $0 == .notShown }.count == 3)
    }

    @Test("videos are embedded up to the limit, in order, then linked relative to the report")
    func embedLimit() async throws {
        let fixture = try await ReportFixture("embed")
        var videos: [VideoOutput] = []
        for name in ["v1", "v2", "v3"] {
            let path = fixture.root + "/out/\(name).mp4"
            try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: path))
            videos.append(
                VideoOutput(
                    sha256: name,
                    files: [
                        MediaFile(
                            path: "out/\(name).mp4", absolutePath: path, sha256: name, recordedBytes: 1000,
                            state: .present)
                    ],
                    taskIDs: [name]))
        }
        videos.append(
            VideoOutput(
                sha256: "gone",
                files: [
                    MediaFile(
                        path: "out/gone.mp4", absolutePath: fixture.root + "/out/gone.mp4", sha256: "gone",
                        recordedBytes: 5, state: .missing)
                ],
                taskIDs: ["gone"]))
        let report = RunReport(
            run: RunRecord(id: "r", pipeline: "p", file: "p.yaml", startedAt: Date(), host: "h", pid: 1),
            baseDirectory: fixture.root, pipelineFile: nil, stages: [], edges: [], tasks: [], problems: [], images: [],
            videos: videos, notes: [])
        let media = await MediaPreparer(embedLimitBytes: 2500).prepare(
            report, reportPath: fixture.root + "/reports/r.html")
        #expect(media.videos["v1"] == .embedded(absolutePath: fixture.root + "/out/v1.mp4", bytes: 1000))
        #expect(media.videos["v2"] == .embedded(absolutePath: fixture.root + "/out/v2.mp4", bytes: 1000))
        #expect(media.videos["v3"] == .linked(href: "../out/v3.mp4"))
        #expect(media.videos["gone"] == .missing)
        #expect(media.embeddedBytes == 2000)
        #expect(media.embeddedCount == 2 && media.linkedCount == 1)

        let none = await MediaPreparer(embedLimitBytes: 0).prepare(report, reportPath: fixture.root + "/r.html")
        #expect(none.videos["v1"] == .linked(href: "out/v1.mp4"))
        let html = HTMLReportWriter(report: report, media: media).html()
        #expect(html.contains(#"src="../out/v3.mp4""#))
        #expect(html.contains("would pass the embed limit"))
        #expect(html.components(separatedBy: "data:video/mp4;base64,").count == 3)
    }

    private func image(_ relative: String, _ fixture: ReportFixture, state: MediaFile.State = .present) -> ImageOutput {
        ImageOutput(
            taskID: "thumbs[\(relative)]", stage: "thumbs",
            file: MediaFile(
                path: relative, absolutePath: fixture.root + "/" + relative, sha256: "x", recordedBytes: 1, state: state
            ))
    }
}
