import Foundation
import Testing

extension EngineAcceptanceTests {
    /// Issue 11, paid inputs: an image that does not decode in full (random bytes, a PNG cut off
    /// half-way) fails its paid task before the upload, so nothing is spent, and it is not retried.
    @Suite(.timeLimit(.minutes(3)))
    struct PaidImageCheckTests {
        @Test("a truncated PNG and a binary file given to image_to_video: no upload, no project, the file named")
        func undecodableImagesAreNotPaidFor() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("paid-image-check")
            defer { workspace.remove() }
            let whole = try #require(
                FileManager.default.contents(atPath: PipelineWorkspace.assets + "/products/backpack.png"))
            try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: workspace.path("assets/cut.png")))
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(noise).write(to: URL(fileURLWithPath: workspace.path("assets/blob.png")))
            try workspace.write(
                "clips.yaml",
                """
                version: 1
                name: paid-image-check
                settings:
                  output_dir: out
                inputs:
                  photos:
                    glob: assets/*.png
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: ${{ inputs.photos }}
                    retry: { attempts: 3, backoff: 1s }
                    with:
                      image: ${{ item }}
                      end_seconds: 5
                      resolution: 480p
                      model: ltx-2.3

                """)

            let result = try await workspace.pipeline(
                ["run", "clips.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(result.status == 1, "\(result.transcript)")
            for name in ["assets/cut.png", "assets/blob.png"] {
                #expect(
                    result.standardError.contains("\(name) is not a usable image, so it was not uploaded"),
                    "\(result.transcript)")
            }
            #expect(result.standardError.contains("corrupt or truncated"), "\(result.transcript)")
            #expect(!result.allOutput.contains("after attempt 1"), "not retryable: \(result.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 0)
            #expect(stats.creditsCharged == 0)
            #expect(stats.requestsPerRoute["POST /v1/files/upload-urls", default: 0] == 0, "\(stats.requestsPerRoute)")
        }
    }
}
