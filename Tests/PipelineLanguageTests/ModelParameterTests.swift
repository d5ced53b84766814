import Foundation
import PipelineLanguage
import Testing

/// `model`, `audio` and `end_image` of `magic_hour.image_to_video`: in the cache key only when
/// set, priced from the catalog, and an unpinned model is a warning.
@Suite struct ModelParameterTests {
    static func clip(_ extra: String) -> String {
        """
        version: 1
        name: models
        stages:
          clip:
            uses: magic_hour.image_to_video
            with:
              image: https://example.com/a.png
              end_seconds: 5
        \(extra.isEmpty ? "" : "      " + extra + "\n")
        """
    }

    static func task(_ extra: String) throws -> PlannedTask {
        let compilation = compile(clip(extra), keys: true)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        return try #require(compilation.plan?.tasks.first)
    }

    @Test func newParametersChangeTheKeyOnlyWhenSet() throws {
        let unset = try Self.task("")
        let keys = try [
            "model: kling-3.0", "model: default", "audio: false", "audio: true",
            "model: kling-3.0\n      end_image: https://example.com/z.png",
        ].map { try Self.task($0).cacheKey }
        #expect(Set(keys).count == keys.count)
        #expect(!keys.contains(unset.cacheKey))
    }

    @Test func creditsComeFromTheCatalog() throws {
        #expect(try Self.task("").credits == 240)  // default on a paid tier is kling-3.0: 48/s at 720p
        #expect(try Self.task("model: kling-3.0").credits == 240)
        let withAudio = compile(Self.clip("model: kling-3.0") + "      audio: true\n", keys: false)
        #expect(withAudio.plan?.tasks.first?.credits == 360)
        let unpriced = try Self.task("model: minimax-h3")
        #expect(unpriced.isUnpriced && unpriced.credits == 0 && unpriced.isPaid)
    }

    @Test func anUnpinnedModelIsAWarningAndAPinnedOneIsNot() {
        for extra in ["", "model: default"] {
            let warnings = compile(Self.clip(extra)).diagnostics.filter { $0.code == .unpinnedModel }
            #expect(warnings.count == 1 && warnings.allSatisfy { $0.severity == .warning }, "\(extra)")
        }
        #expect(compile(Self.clip("model: ltx-2.3")).diagnostics.isEmpty)
    }
}
