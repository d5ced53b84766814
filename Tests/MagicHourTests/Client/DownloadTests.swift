import Foundation
import MagicHour
import MagicHourFake
import Testing

@Suite("Downloads: expiry, refresh, truncation")
struct DownloadTests {
    /// Uploads, creates and waits; returns the complete project.
    static func completeProject(_ client: MagicHourClient) async throws -> Project {
        let path = try await client.upload(file: try TestHarness.samplePNG())
        let created = try await client.createImageToVideo(
            .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
        let outcome = try await client.waitForProject(id: created.id)
        guard case .complete(let project) = outcome else { throw MagicHourError.invalidResponse("\(outcome)") }
        return project
    }

    @Test("an expired URL answering 403 makes the client fetch fresh URLs and succeed")
    func expiredURLRefreshed() async throws {
        let configuration = TestHarness.fakeConfiguration { $0.downloadURLExpiry = .milliseconds(1500) }
        try await TestHarness.with(fake: configuration) { fake, client in
            var project = try await Self.completeProject(client)
            try await Task.sleep(for: .milliseconds(1700))
            // Pretend our clock says the URL is still good (clock skew): the server answers 403.
            project.downloads[0].expiresAt = Date().addingTimeInterval(3600)
            let before = await fake.stats()
            let file = try await client.download(project, to: try TestHarness.temporaryDirectory() + "/v.mp4")
            #expect(file.size > 0)
            let after = await fake.stats()
            #expect(after.requests(.download) - before.requests(.download) == 2)
            #expect(after.requests(.getProject) - before.requests(.getProject) == 1)
            #expect(after.downloadsCompleted == 1)
        }
    }

    @Test("a URL known to be expired is refreshed before it is tried")
    func knownExpiredURLRefreshedFirst() async throws {
        let configuration = TestHarness.fakeConfiguration { $0.downloadURLExpiry = .milliseconds(1500) }
        try await TestHarness.with(fake: configuration) { fake, client in
            let project = try await Self.completeProject(client)
            try await Task.sleep(for: .milliseconds(1700))
            let before = await fake.stats()
            _ = try await client.download(project, to: try TestHarness.temporaryDirectory() + "/v.mp4")
            let after = await fake.stats()
            #expect(after.requests(.download) - before.requests(.download) == 1)
            #expect(after.requests(.getProject) - before.requests(.getProject) == 1)
        }
    }

    @Test("an injected 403 (revoked URL) is refreshed too")
    func injected403Refreshed() async throws {
        try await TestHarness.with { fake, client in
            let project = try await Self.completeProject(client)
            await fake.inject(.expireURL, on: .download, count: 2)
            let file = try await client.download(project, to: try TestHarness.temporaryDirectory() + "/v.mp4")
            #expect(file.size > 0)
            #expect(await fake.stats().requests(.download) == 3)
        }
    }

    @Test("a URL that keeps expiring ends in downloadURLExpired")
    func keepsExpiring() async throws {
        try await TestHarness.with { fake, client in
            let project = try await Self.completeProject(client)
            await fake.inject(.expireURL, on: .download, count: 100)
            await #expect(throws: MagicHourError.downloadURLExpired(projectID: project.id)) {
                try await client.download(project, to: try TestHarness.temporaryDirectory() + "/v.mp4")
            }
            #expect(await fake.stats().requests(.download) == 4)
        }
    }

    @Test("a truncated body is detected, the partial file removed, and the file downloaded again")
    func truncatedBodyRedownloaded() async throws {
        try await TestHarness.with { fake, client in
            let project = try await Self.completeProject(client)
            let folder = try TestHarness.temporaryDirectory()
            let reference = try await client.download(project, to: folder + "/reference.mp4")
            await fake.inject(.truncateBody, on: .download)
            let file = try await client.download(project, to: folder + "/v.mp4")
            #expect(file.size == reference.size)
            let a = try Data(contentsOf: URL(fileURLWithPath: reference.path))
            let b = try Data(contentsOf: URL(fileURLWithPath: file.path))
            #expect(a == b)
            #expect(await fake.stats().requests(.download) == 3)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(names == ["reference.mp4", "v.mp4"])
        }
    }

    @Test("bodies truncated every time end in incompleteDownload, with no file left behind")
    func alwaysTruncated() async throws {
        try await TestHarness.with { fake, client in
            let project = try await Self.completeProject(client)
            await fake.inject(.truncateBody, on: .download, count: 100)
            let folder = try TestHarness.temporaryDirectory()
            let error = await #expect(throws: MagicHourError.self) {
                try await client.download(project, to: folder + "/v.mp4")
            }
            guard case .incompleteDownload? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test("an existing destination is replaced whole (no stale tail bytes)")
    func replacesExisting() async throws {
        try await TestHarness.with { _, client in
            let project = try await Self.completeProject(client)
            let path = try TestHarness.temporaryDirectory() + "/v.mp4"
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 5_000_000))
            let file = try await client.download(project, to: path)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
            #expect(size?.int64Value == file.size)
        }
    }

    @Test("a project that is not complete has nothing to download")
    func noDownloads() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(30))) { _, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let project = try await client.getProject(id: created.id)
            await #expect(throws: MagicHourError.noDownloads(projectID: created.id, status: .queued)) {
                try await client.downloadOutputs(of: project, into: try TestHarness.temporaryDirectory())
            }
        }
    }
}
