import Testing
@testable import MagicHourRules

@Suite struct ImageToVideoRulesTests {
    @Test func rejects480pAt15Seconds() {
        #expect(ImageToVideoRules.violation(endSeconds: 15, resolution: .p480) == .durationNotAllowedAt480p(15))
        #expect(ImageToVideoRules.credits(endSeconds: 5, resolution: .p1080) == 600)
    }
}
