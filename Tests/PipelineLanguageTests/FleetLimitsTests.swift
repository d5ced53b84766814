import Foundation
import PipelineLanguage
import Testing

/// `settings.budget` and `settings.max_parallel_creates` as the decoder reads them, and the
/// ceiling an unpriced task reserves.
@Suite struct FleetLimitsTests {
    static let stages = """
        stages:
          a:
            uses: image.resize
            with: { image: assets/one.png, width: 10 }
        """

    @Test("every limit is read; none set is empty")
    func decoded() throws {
        let compilation = compile(
            """
            version: 1
            settings:
              budget:
                daily: 500
                monthly: 9000
                account: { daily: 2000, monthly: 40000 }
              max_parallel_creates: 4
            \(Self.stages)
            """)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let fleet = try #require(compilation.pipeline?.settings.fleet)
        #expect(
            fleet
                == FleetLimits(
                    pipelineDaily: 500, pipelineMonthly: 9000, accountDaily: 2000, accountMonthly: 40000,
                    maxParallelCreates: 4))
        #expect(fleet.needsAccount)
        let none = compile("version: 1\n\(Self.stages)\n")
        #expect(none.pipeline?.settings.fleet.isEmpty == true)
        #expect(FleetLimits(pipelineDaily: 5).needsAccount == false)
    }

    @Test("a monthly limit below the daily one is a warning at the monthly value")
    func monthlyBelowDaily() {
        let compilation = compile("version: 1\nsettings:\n  budget: { daily: 500, monthly: 100 }\n\(Self.stages)\n")
        #expect(!compilation.hasErrors)
        let warning = compilation.diagnostics.first { $0.severity == .warning && $0.message.contains("budget.monthly") }
        #expect(warning?.location.line == 3, "\(compilation.diagnostics)")
    }

    @Test("the unpriced ceiling is the catalog's highest rate at the resolution, times the duration")
    func ceiling() {
        let p480: [String: Value] = [
            "model": .string("ltx-2.5"), "end_seconds": .number(5), "resolution": .string("480p"),
        ]
        #expect(UnpricedCeiling.credits(parameters: p480) == 1440)
        var p720 = p480
        p720["resolution"] = .string("720p")
        #expect(UnpricedCeiling.credits(parameters: p720) == 2880)
        #expect(UnpricedCeiling.credits(parameters: ["model": .string("ltx-2.5")]) == nil)
    }
}
