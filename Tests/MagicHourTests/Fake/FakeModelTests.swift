import Foundation
import MagicHour
import MagicHourFake
import Testing

/// The fake follows the model catalog through the real client: sizes, 422 naming the field,
/// the charge of a model without a published price.
@Suite("The fake and the model catalog")
struct FakeModelTests {
    @Test(
        "360p and 4k projects have their frame sizes",
        arguments: [(VideoResolution.p360, "gemini-omni-1.1"), (.p4k, "kling-3.0")])
    func frameSizes(resolution: VideoResolution, model: String) async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(60))) { _, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, resolution: resolution, model: model))
            let project = try await client.getProject(id: created.id)
            #expect(project.width == resolution.frameSize.width && project.height == resolution.frameSize.height)
            #expect((project.width, project.height) == (resolution == .p4k ? (3840, 2160) : (640, 360)))
        }
    }

    @Test("a model rule answers 422 naming the field; the charge follows the catalog")
    func rulesAndCharges() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(renderTime: .seconds(60))) { fake, client in
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(
                    .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "wan-2.2", audio: true))
            }
            guard case .invalidRequest(422, let message)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(message.hasPrefix("audio: wan-2.2 has no audio"))
            let priced = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "kling-3.0", audio: true))
            #expect(priced.creditsCharged == 5 * (48 + 24))
            let unpriced = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, model: "ltx-2.5"))
            #expect(unpriced.creditsCharged == 5 * FakeServerConfiguration().unpricedCreditsPerSecond)
            #expect(await fake.stats().projectsCreated == 2)
        }
    }
}
