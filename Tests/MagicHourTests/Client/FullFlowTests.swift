import Foundation
import MagicHour
import MagicHourFake
import Subprocess
import SystemPackage
import Testing

@Suite("Full flow against the fake over loopback")
struct FullFlowTests {
    @Test("upload → create → wait → download gives a playable MP4 of the right size and length")
    func uploadCreateWaitDownload() async throws {
        try await TestHarness.with { fake, client in
            let image = try TestHarness.samplePNG()
            let filePath = try await client.upload(file: image)
            #expect(filePath.hasPrefix("api-assets/"))
            #expect(filePath.hasSuffix(".png"))

            let created = try await client.createImageToVideo(
                ImageToVideoRequest(
                    imageFilePath: filePath, endSeconds: 5, resolution: .p480, name: "flow", model: "ltx-2.3"))
            #expect(created.creditsCharged == 120)

            let outcome = try await client.waitForProject(id: created.id)
            guard case .complete(let project) = outcome else {
                Issue.record("expected complete, got \(outcome)")
                return
            }
            #expect(project.downloads.count == 1)
            #expect(project.width == 854 && project.height == 480)

            let folder = try TestHarness.temporaryDirectory()
            let file = try await client.download(project, to: folder + "/clip.mp4")
            let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
            #expect(Int64(data.count) == file.size)
            #expect(data.count > 1000)
            #expect(String(decoding: data[4..<8], as: UTF8.self) == "ftyp")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".part") }
            #expect(leftovers.isEmpty)

            if let probe = await VideoProbe.probe(path: file.path) {
                #expect(probe.width == 854)
                #expect(probe.height == 480)
                #expect(abs(probe.duration - 5) < 0.3)
            }

            let stats = await fake.stats()
            #expect(stats.projectsCreated == 1)
            #expect(stats.creditsCharged == 120)
            #expect(stats.balance == 10_000 - 120)
            #expect(stats.uploadsCompleted == 1)
            #expect(stats.downloadsCompleted == 1)
            #expect(stats.presignedRequestsWithAuthorization == 0)
        }
    }

    @Test("http(s) URLs and api-assets paths are passed through without any request")
    func remoteReferencesPassThrough() async throws {
        try await TestHarness.with { fake, client in
            for reference in ["https://example.com/a/photo.jpg", "http://cdn.test/x.png", "api-assets/abc/image.png"] {
                let passed = try await client.upload(file: reference)
                #expect(passed == reference)
            }
            #expect(await fake.stats().requests(.uploadURLs) == 0)
        }
    }

    @Test("a file type the API does not take is refused before any request")
    func unsupportedFileType() async throws {
        try await TestHarness.with { fake, client in
            let path = try TestHarness.temporaryDirectory() + "/notes.txt"
            _ = FileManager.default.createFile(atPath: path, contents: Data("hi".utf8))
            await #expect(throws: MagicHourError.unsupportedFileType(path: path)) {
                try await client.upload(file: path)
            }
            #expect(await fake.stats().requests(.uploadURLs) == 0)
        }
    }

    @Test("downloadOutputs names files after the project id")
    func downloadOutputsNaming() async throws {
        try await TestHarness.with { _, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            let created = try await client.createImageToVideo(
                .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            let outcome = try await client.waitForProject(id: created.id)
            let folder = try TestHarness.temporaryDirectory()
            let files = try await client.downloadOutputs(of: outcome.project, into: folder)
            #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["\(created.id)-output.mp4"])
        }
    }

    @Test("delete: GET then shows enabled false and no downloads")
    func deleteProject() async throws {
        try await TestHarness.with { fake, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            let created = try await client.createImageToVideo(
                .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            _ = try await client.waitForProject(id: created.id)
            try await client.deleteProject(id: created.id)
            let project = try await client.getProject(id: created.id)
            #expect(project.enabled == false)
            #expect(project.downloads.isEmpty)
            #expect(await fake.stats().requests(.deleteProject) == 1)
        }
    }
}

/// Width, height and duration of a video, read with ffprobe when it is installed.
struct VideoProbe {
    var width: Int
    var height: Int
    var duration: Double

    /// The figures ffprobe reads from the video at `path` (run through swift-subprocess); nil
    /// without ffprobe or when it reads none.
    static func probe(path: String) async -> VideoProbe? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe") else { return nil }
        let arguments = [
            "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration",
            "-of", "default=noprint_wrappers=1", path,
        ]
        guard
            let result = try? await Subprocess.run(
                .path(FilePath("/usr/bin/ffprobe")), arguments: Arguments(arguments), output: .string(limit: 1 << 20),
                error: .discarded)
        else { return nil }
        var values: [String: String] = [:]
        for line in result.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        guard let width = values["width"].flatMap(Int.init), let height = values["height"].flatMap(Int.init),
            let duration = values["duration"].flatMap(Double.init)
        else { return nil }
        return VideoProbe(width: width, height: height, duration: duration)
    }
}
