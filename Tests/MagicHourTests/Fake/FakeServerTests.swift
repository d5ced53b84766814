import AsyncHTTPClient
import Foundation
import MagicHour
import MagicHourFake
import Testing

@Suite("The fake server itself")
struct FakeServerTests {
    @Test("GET /_fake/stats gives the same numbers as the Swift API")
    func statsOverHTTP() async throws {
        try await TestHarness.with { fake, client in
            // seedance-1.5: 60/s at 720p; veo3.1: 120/s at 1080p.
            let twice = ImageToVideoRequest(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "seedance-1.5")
            _ = try await client.createImageToVideo(twice)
            _ = try await client.createImageToVideo(twice)
            _ = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 6, resolution: .p1080, model: "veo3.1"))
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let response = try await http.execute(
                HTTPClientRequest(url: fake.baseURL + "/_fake/stats"), timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            try await http.shutdown()
            let overHTTP = try JSONDecoder().decode(FakeStats.self, from: Data(body.readableBytesView))
            var direct = await fake.stats()
            #expect(overHTTP.requests(.stats) == 1)
            direct.requestsPerRoute[FakeRoute.stats.rawValue] = 1
            #expect(overHTTP == direct)
            #expect(direct.projectsCreated == 3)
            #expect(direct.projectsCreatedPerBody.values.sorted() == [1, 2])
            #expect(direct.creditsCharged == 300 + 300 + 720)
            #expect(direct.balance == 10_000 - 1320)
        }
    }

    @Test("with a state directory, projects and the balance survive a restart; without its file, they are gone")
    func stateDirectorySurvivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-state-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configuration = TestHarness.fakeConfiguration(renderTime: .milliseconds(50)) { $0.stateDirectory = folder }
        let id = try await TestHarness.with(fake: configuration) { _, client in
            // seedance-1.5: 60/s at 720p.
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "seedance-1.5"))
            guard case .complete = try await client.waitForProject(id: created.id) else {
                Issue.record("the project did not complete")
                return created.id
            }
            return created.id
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/account.json"))
        try await TestHarness.with(fake: configuration) { fake, client in
            let project = try await client.getProject(id: id)
            #expect(project.status == .complete && !project.downloads.isEmpty)
            #expect(await fake.stats().balance == 10_000 - 300)
            // A new project gets a new id, not the first one's again.
            let second = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            #expect(second.id != id)
        }
        try FileManager.default.removeItem(atPath: folder + "/account.json")
        try await TestHarness.with(fake: configuration) { fake, client in
            let error = await #expect(throws: MagicHourError.self) { try await client.getProject(id: id) }
            #expect(error?.httpStatus == 404)
            #expect(await fake.stats().balance == 10_000)
        }
    }

    @Test(
        "credits follow the shared price table",
        arguments: VideoModelCatalog[id: VideoModelCatalog.defaultModelID]?.resolutions ?? [])
    func prices(resolution: VideoResolution) async throws {
        try await TestHarness.with { fake, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 10, resolution: resolution))
            #expect(
                created.creditsCharged
                    == ImageToVideoRules.credits(VideoRequest(endSeconds: 10, resolution: resolution)))
            #expect(await fake.stats().balance == 10_000 - created.creditsCharged)
        }
    }

    @Test("the balance runs out: the create that does not fit gets 402")
    func balanceRunsOut() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(balance: 700)) { fake, client in
            // seedance-1.5: 60/s at 720p, 300 a clip.
            let clip = ImageToVideoRequest(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "seedance-1.5")
            _ = try await client.createImageToVideo(clip)
            _ = try await client.createImageToVideo(clip)
            let error = await #expect(throws: MagicHourError.self) { try await client.createImageToVideo(clip) }
            #expect(error?.httpStatus == 402)
            #expect(await fake.stats().balance == 100)
        }
    }

    @Test("an upload URL rejects a PUT without its token, and the file then counts as never uploaded")
    func uploadNeedsToken() async throws {
        try await TestHarness.with { fake, client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: fake.baseURL + "/v1/files/upload-urls")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(TestHarness.token)")
            request.body = .bytes(.init(string: #"{"items":[{"type":"image","extension":"png"}]}"#))
            let answer = try await http.execute(request, timeout: .seconds(5))
            let json = try JSON.parse(Data(try await answer.body.collect(upTo: 1 << 16).readableBytesView))
            guard case .array(let items)? = json["items"], let url = items.first?["upload_url"]?.string,
                let filePath = items.first?["file_path"]?.string
            else {
                Issue.record("bad answer \(json)")
                return
            }
            var put = HTTPClientRequest(url: String(url.split(separator: "?")[0]) + "?token=forged")
            put.method = .PUT
            put.body = .bytes(.init(string: "png"))
            #expect(try await http.execute(put, timeout: .seconds(5)).status.code == 403)
            try await http.shutdown()
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: filePath, endSeconds: 5))
            }
            #expect(error?.httpStatus == 422)
        }
    }

    @Test("many projects of one image share one encode (the render cache)")
    func renderCache() async throws {
        try await TestHarness.with { fake, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            let start = ContinuousClock.now
            var ids: [String] = []
            for _ in 0..<6 {
                ids.append(
                    try await client.createImageToVideo(
                        .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3")
                    ).id
                )
            }
            for id in ids {
                guard case .complete = try await client.waitForProject(id: id) else {
                    Issue.record("not complete")
                    return
                }
            }
            _ = start
            let stats = await fake.stats()
            #expect(stats.projectsCreated == 6)
            #expect(stats.videosEncoded == 1)
        }
    }

    @Test("stop() frees the port: a new request is refused")
    func stopFreesPort() async throws {
        let fake = try await FakeMagicHourServer.start(TestHarness.fakeConfiguration())
        let url = fake.baseURL
        await fake.stop()
        let client = MagicHourClient(
            token: APIToken(TestHarness.token),
            configuration: TestHarness.clientConfiguration(baseURL: url, maxAttempts: 1))
        let error = await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") }
        try await client.shutdown()
        guard case .transport(let failure)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionFailed)
    }
}

@Suite("The fake without ffmpeg, large uploads, slow answers")
struct FakeEdgeTests {
    @Test("without ffmpeg the fake serves its small fallback MP4 (and says so in stats)")
    func fallbackVideo() async throws {
        let configuration = TestHarness.fakeConfiguration { $0.ffmpegPath = "/nonexistent/ffmpeg" }
        try await TestHarness.with(fake: configuration) { fake, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            let created = try await client.createImageToVideo(
                .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            let outcome = try await client.waitForProject(id: created.id)
            let file = try await client.download(outcome.project, to: try TestHarness.temporaryDirectory() + "/f.mp4")
            let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
            #expect(data.count == 1563)
            #expect(String(decoding: data[4..<8], as: UTF8.self) == "ftyp")
            #expect(await fake.stats().videoEncoder.contains("fallback"))
        }
    }

    @Test("a 24 MiB upload is streamed with its Content-Length and stored whole")
    func largeUpload() async throws {
        try await TestHarness.with { fake, client in
            let path = try TestHarness.temporaryDirectory() + "/big.mp4"
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x5A, count: 24 << 20))
            let filePath = try await client.upload(file: path)
            #expect(filePath.hasSuffix(".mp4"))
            let stats = await fake.stats()
            #expect(stats.uploadsCompleted == 1)
            #expect(stats.presignedRequestsWithAuthorization == 0)
        }
    }

    @Test("a slow answer hits the per-request timeout: a GET is retried, a create is not")
    func slowAnswers() async throws {
        try await TestHarness.with(client: { $0.requestTimeout = .seconds(1) }) { fake, client in
            await fake.inject(.delay(.seconds(3)), on: .getProject)
            await #expect(throws: MagicHourError.notFound(message: "Not Found")) {
                try await client.getProject(id: "x")
            }
            #expect(await fake.stats().requests(.getProject) == 2)

            await fake.inject(.delay(.seconds(3)), on: .createImageToVideo)
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
            guard case .transport(let failure)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .timedOut)
            #expect(await fake.stats().requests(.createImageToVideo) == 1)
        }
    }
}
