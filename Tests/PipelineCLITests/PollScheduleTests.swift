import Foundation
import Testing

/// Polls shaped by the expected completion, counted at the fake (not timed).
@Suite(.timeLimit(.minutes(3)))
struct PollScheduleTests {
    @Test("log-normal renders, typical time scaled to them: at most 6 polls per job, every job done once")
    func pollsPerJobStayFew() async throws {
        // Renders around 1.5 s (σ 0.2 of the logarithm); the typical 74 s scaled to 1.5 s.
        let fake = try await FakeAPIProcess(renderTime: 1.5, extraArguments: ["--render-spread", "0.2", "--seed", "7"])
        defer { fake.stop() }
        let workspace = try PipelineWorkspace("polls")
        defer { workspace.remove() }
        try workspace.addImage("products/backpack.png")
        let jobs = 40
        try workspace.write(
            "polls.yaml",
            """
            version: 1
            name: polls
            settings:
              output_dir: out
              max_parallel: 10
            inputs:
              items:
                values: [\((0..<jobs).map(String.init).joined(separator: ", "))]
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.items }}
                with:
                  image: assets/backpack.png
                  model: ltx-2.3
                  end_seconds: 5
                  resolution: 480p
                  prompt: "clip ${{ item }}"

            """)
        let result = try await workspace.pipeline(
            ["run", "polls.yaml", "--api-base-url", fake.baseURL], token: fake.token,
            extraEnvironment: ["MAGIC_HOUR_POLL_INTERVAL": "", "MAGIC_HOUR_POLL_TIME_SCALE": String(1.5 / 74)])
        #expect(result.status == 0, "\(result.transcript)")
        let stats = try await fake.stats()
        #expect(stats.creates == jobs)
        #expect(stats.projectsPerName.values.allSatisfy { $0 == 1 })
        let polls = stats.requestsPerRoute["GET /v1/video-projects/{id}", default: 0]
        #expect(polls >= jobs)
        #expect(Double(polls) / Double(jobs) <= 6, "\(polls) polls for \(jobs) jobs")
    }
}
