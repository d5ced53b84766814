import Foundation
import MagicHourFake
import Testing

@testable import MagicHour

@Suite("Waiting for a project")
struct WaitTests {
    @Test("status goes queued → rendering → complete")
    func statusSequence() async throws {
        // Queued for the first quarter of the render time: 1.5 s, room for a busy machine.
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(6))) { _, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            var seen: [ProjectStatus] = []
            while seen.last != .complete {
                let status = try await client.getProject(id: created.id).status
                if seen.last != status { seen.append(status) }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(seen == [.queued, .rendering, .complete])
        }
    }

    @Test("a project ending in error: failed outcome with code and message, credits refunded")
    func failedRefunded() async throws {
        try await TestHarness.with { fake, client in
            await fake.scheduleProjectFates([.error(code: "no_source_face", message: "No face found")])
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let outcome = try await client.waitForProject(id: created.id)
            guard case .failed(let code, let message, let project) = outcome else {
                Issue.record("got \(outcome)")
                return
            }
            #expect(code == "no_source_face")
            #expect(message == "No face found")
            #expect(project.creditsCharged == 0)
            let stats = await fake.stats()
            #expect(stats.creditsRefunded == created.creditsCharged)
            #expect(stats.balance == 10_000)
        }
    }

    @Test("an image that cannot be decoded ends in error invalid_file_format, refunded")
    func undecodableImage() async throws {
        try await TestHarness.with { fake, client in
            let path = try TestHarness.temporaryDirectory() + "/broken.png"
            _ = FileManager.default.createFile(atPath: path, contents: Data("not a png".utf8))
            let filePath = try await client.upload(file: path)
            let created = try await client.createImageToVideo(
                .init(imageFilePath: filePath, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            let outcome = try await client.waitForProject(id: created.id)
            guard case .failed(let code, _, _) = outcome else {
                Issue.record("got \(outcome)")
                return
            }
            #expect(code == "invalid_file_format")
            #expect(await fake.stats().creditsRefunded == 120)
        }
    }

    @Test("a canceled project gives the canceled outcome, refunded")
    func canceled() async throws {
        try await TestHarness.with { fake, client in
            await fake.scheduleProjectFates([.canceled])
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let outcome = try await client.waitForProject(id: created.id)
            guard case .canceled = outcome else {
                Issue.record("got \(outcome)")
                return
            }
            #expect(await fake.stats().creditsRefunded == created.creditsCharged)
        }
    }

    @Test("cancelling the task stops the wait at once")
    func cancellationMidWait() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(60))) { fake, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let wait = Task { try await client.waitForProject(id: created.id) }
            try await Task.sleep(for: .milliseconds(400))
            let start = ContinuousClock.now
            wait.cancel()
            let result = await wait.result
            // At once: well before the next poll (seconds away) and the 60 s render, with room
            // for a loaded machine.
            #expect(start.duration(to: .now) < .seconds(3))
            #expect(throws: CancellationError.self) { try result.get() }
            let polls = await fake.stats().requests(.getProject)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await fake.stats().requests(.getProject) == polls)
        }
    }

    @Test("the overall deadline ends the wait with waitTimedOut")
    func deadline() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(60))) { _, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let policy = PollPolicy(
                initialInterval: .milliseconds(50), multiplier: 2, maxInterval: .milliseconds(100),
                timeout: .milliseconds(400))
            let start = ContinuousClock.now
            await #expect(throws: MagicHourError.waitTimedOut(projectID: created.id, lastStatus: .queued)) {
                try await client.waitForProject(id: created.id, policy: policy)
            }
            #expect(start.duration(to: .now) < .seconds(2))
        }
    }

    @Test("poll intervals start small, grow, and are capped")
    func pollBackoff() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(60))) { fake, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let policy = PollPolicy(
                initialInterval: .milliseconds(20), multiplier: 2, maxInterval: .milliseconds(160),
                timeout: .milliseconds(3000))
            await #expect(throws: MagicHourError.self) {
                try await client.waitForProject(id: created.id, policy: policy)
            }
            // Waits of 20, 40, 80, 160, 160, … ms within 3 s: about 21 polls (fewer on a busy
            // machine, where one answer can take most of a second). Without growth about 150.
            let polls = await fake.stats().requests(.getProject)
            #expect((2...25).contains(polls), "\(polls) polls")
            var interval = policy.initialInterval
            var intervals: [Duration] = []
            for _ in 0..<6 {
                intervals.append(interval)
                interval = policy.next(after: interval)
            }
            #expect(
                intervals == [
                    .milliseconds(20), .milliseconds(40), .milliseconds(80), .milliseconds(160), .milliseconds(160),
                    .milliseconds(160),
                ])
        }
    }
}
