import Foundation
import Testing

/// The engine and the store name a fix in words (a `Remedy` phrase); what the user reads is the
/// CLI's flag for it, on every command that prints the message.
@Suite("flag hints")
struct FlagHintTests {
    /// The phrases of `Remedy` (a user must never read them).
    static let phrases = [
        "the option that resubmits uncertain tasks", "the option that allows unpriced tasks",
        "the option that names the state file",
    ]

    @Test("a state file that cannot be opened: the message ends with the --state flag")
    func aStateFileThatCannotBeOpenedNamesTheStateFlag() async throws {
        let workspace = try PipelineWorkspace("hint-state")
        defer { workspace.remove() }
        try workspace.addImage("products/backpack.png", as: "one.png")
        try workspace.write("thumbs.yaml", LedgerPipelines.thumbs)
        let unopenable = "/proc/pipeline-\(UUID().uuidString)/state.db"
        let result = try await workspace.pipeline(["run", "thumbs.yaml", "--state", unopenable], token: nil)
        #expect(result.status != 0, "\(result.allOutput)")
        #expect(result.standardError.contains(unopenable), "\(result.allOutput)")
        #expect(result.standardError.contains("or choose another file with --state."), "\(result.allOutput)")
        for phrase in Self.phrases { #expect(!result.allOutput.contains(phrase)) }
    }

    @Test("unpriced paid tasks: plan says a run needs --allow-unpriced, and run refuses naming it")
    func unpricedTasksSpellAllowUnpriced() async throws {
        let workspace = try PipelineWorkspace("hint-unpriced")
        defer { workspace.remove() }
        try workspace.write(
            "free.yaml",
            """
            version: 1
            name: unpriced-hint
            settings:
              output_dir: out
              budget_credits: 5000
            stages:
              clip:
                uses: magic_hour.image_to_video
                with: { image: "https://example.com/a.png", model: ltx-2.5, end_seconds: 40, resolution: 1080p }

            """)
        let plan = try await workspace.pipeline(["plan", "free.yaml"], token: nil)
        #expect(plan.status == 0, "\(plan.allOutput)")
        #expect(plan.standardOutput.contains("unpriced tasks not counted, a run needs --allow-unpriced"))
        for phrase in Self.phrases { #expect(!plan.allOutput.contains(phrase), "\(plan.allOutput)") }
        let fake = try await FakeAPIProcess(renderTime: 0.2)
        defer { fake.stop() }
        let run = try await workspace.pipeline(
            ["run", "free.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
        #expect(run.status == 5, "\(run.allOutput)")
        #expect(
            run.standardError.contains("give its price in settings.prices, or pass --allow-unpriced"),
            "\(run.allOutput)")
        for phrase in Self.phrases { #expect(!run.allOutput.contains(phrase)) }
        #expect(try await fake.stats().creates == 0)
    }
}
