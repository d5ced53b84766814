import Foundation
import Testing

extension EngineAcceptanceTests {
    /// `pipelines/product-chain.yaml`: a prompt to a subtitled, lip-synced video through six
    /// Magic Hour tools. Its plan shows each stage's credits and the total; a run against the fake
    /// is charged exactly that, and a second run pays nothing and touches no file.
    @Suite(.timeLimit(.minutes(5)))
    struct ProductChainTests {
        @Test("the chained example plans every stage's credits, is charged exactly that, and re-runs for free")
        func chainIsPlannedChargedAndCached() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("chain")
            defer { workspace.remove() }
            let source = CommandRunner.repository + "/pipelines/product-chain.yaml"
            try workspace.write("chain.yaml", try String(contentsOfFile: source, encoding: .utf8))

            let plan = try await workspace.pipeline(["plan", "chain.yaml", "--format", "json"], token: nil)
            #expect(plan.status == 0, "\(plan.transcript)")
            let planned = try #require(
                try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
            let stages = try #require(planned["stages"] as? [[String: Any]])
            let credits = Dictionary(
                uniqueKeysWithValues: stages.map { ($0["name"] as? String ?? "", $0["credits"] as? Int ?? -1) })
            // flux-schnell 5/image; upscaler preserve 2× 25; ltx-2.3 480p 24/s × 5; voice 0.05/char of
            // 40 characters → 2; lip-sync lite 5 s × 24 fps; subtitles 4.8/s × 5 = 24.
            #expect(credits["shot"] == 5 && credits["sharp"] == 25 && credits["clip"] == 120, "\(credits)")
            #expect(credits["voice"] == 2 && credits["synced"] == 120 && credits["subtitled"] == 24, "\(credits)")
            // The lip sync reads the voice-over by its path: it waits for the task that names it.
            let tasks = try #require(planned["tasks"] as? [[String: Any]])
            let synced = try #require(tasks.first { $0["id"] as? String == "synced" })
            #expect(synced["dependencies"] as? [String] == ["clip_file", "voice_named"], "\(synced)")
            let total = try #require(planned["total_credits"] as? Int)
            #expect(total == 296 && planned["unpriced_tasks"] as? Int == 0)

            let arguments = ["run", "chain.yaml", "--api-base-url", fake.baseURL]
            let first = try await workspace.pipeline(arguments, token: fake.token)
            #expect(first.status == 0, "\(first.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 6 && stats.creditsCharged == total, "charged \(stats.creditsCharged)")
            let final = try #require(workspace.contents("out/product-chain/sneaker-launch.mp4"))
            #expect(final.count > 8 && final[4..<8].elementsEqual("ftyp".utf8))
            let voice = try #require(workspace.contents("out/product-chain/voice-over.mp3"))
            #expect(PipelineWorkspaceMedia.matches(.audio, head: Array(voice.prefix(12))))

            let before = workspace.fingerprint("out/product-chain/sneaker-launch.mp4")
            let again = try await workspace.pipeline(arguments, token: fake.token)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(again.standardOutput.contains("0 done") && again.standardOutput.contains("0 credits spent"))
            #expect(try await fake.stats().creates == 6)
            #expect(workspace.fingerprint("out/product-chain/sneaker-launch.mp4") == before)
        }
    }
}
