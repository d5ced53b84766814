import Testing

@testable import MagicHourRules

@Suite struct ImageToVideoRulesTests {
    @Test func defaultKeepsTheJanuaryRules() {
        let violations = ImageToVideoRules.violations(VideoRequest(endSeconds: 15, resolution: .p480))
        #expect(violations.map(\.field) == [.endSeconds])
        #expect(violations.first?.message == "default takes 5, 10 s at 480p, got 15")
        #expect(ImageToVideoRules.credits(VideoRequest(endSeconds: 5, resolution: .p1080)) == 600)
    }

    @Test func hintNamesWhatTheModelTakesAndWhichModelsTakeTheValue() throws {
        let violation = try #require(
            ImageToVideoRules.violations(VideoRequest(model: "kling-3.0", endSeconds: 20)).first)
        #expect(violation.message == "kling-3.0 takes 3–15 s, got 20")
        #expect(violation.hint == "20 s at 720p needs ltx-2.3, ltx-2.5, minimax-h3, seedance-2.5, wan-3.0")
    }

    @Test func audioSurchargeAndUnpriced() {
        #expect(ImageToVideoRules.credits(VideoRequest(model: "kling-3.0", endSeconds: 5, audio: true)) == 360)
        #expect(ImageToVideoRules.credits(VideoRequest(model: "kling-3.0", endSeconds: 5, resolution: .p4k)) == 1200)
        #expect(
            ImageToVideoRules.credits(VideoRequest(model: "kling-3.0", endSeconds: 5, resolution: .p4k, audio: true))
                == 1440)
        #expect(ImageToVideoRules.credits(VideoRequest(model: "veo3.1-audio", endSeconds: 8)) == 8 * 120)
        #expect(ImageToVideoRules.credits(VideoRequest(model: "ltx-2.5", endSeconds: 5)) == nil)
        #expect(
            ImageToVideoRules.credits(VideoRequest(model: "seedance-2.0", endSeconds: 5, resolution: .p1080)) == nil)
        #expect(ImageToVideoRules.credits(VideoRequest(endSeconds: 5, audio: true)) == nil)
    }

    @Test func everyLegacyNameMapsToACurrentModel() throws {
        #expect(VideoModelCatalog.models.count == 23)
        for model in VideoModelCatalog.models {
            if let legacy = model.legacy {
                let target = try #require(VideoModelCatalog[id: legacy.mapsTo], "\(model.id)")
                #expect(target.legacy == nil)
            }
            for (resolution, price) in model.prices {
                #expect(model.resolutions.contains(resolution), "\(model.id) priced at a resolution it lacks")
                #expect(price.creditsPerSecond > 0)
            }
        }
    }

    @Test func durationText() {
        #expect(DurationRule.from(1, to: 10, and: [15, 20, 25, 30]).text == "1–10, 15, 20, 25, 30")
        #expect(DurationRule.only([4, 6, 8, 16]).text == "4, 6, 8, 16")
        #expect(DurationRule.from(3, to: 15).text == "3–15")
        #expect(DurationRule.anySeconds(5...60).text == "any 5–60")
    }
}
