import Testing

@testable import MagicHourRules

@Suite struct ImageToVideoRulesTests {
    @Test func defaultHasTheRulesAndPriceOfTheTiersModel() {
        // A paid tier (or none known): kling-3.0.
        let paid = ImageToVideoRules.violations(VideoRequest(endSeconds: 15, resolution: .p480))
        #expect(paid.map(\.field) == [.resolution])
        #expect(paid.first?.message == "default (kling-3.0 on paid tiers) renders 720p, 1080p, 4k, not 480p")
        #expect(
            ImageToVideoRules.violations(VideoRequest(endSeconds: 2, tier: .pro)).first?.message
                == "default (kling-3.0 on the pro tier) takes 3–15 s, got 2")
        #expect(ImageToVideoRules.credits(VideoRequest(endSeconds: 5, resolution: .p1080)) == 5 * 72)
        #expect(ImageToVideoRules.credits(VideoRequest(endSeconds: 5, tier: .business)) == 5 * 48)
        // The free tier: ltx-2.5 (1–60 s, 480p by default), which has no published price.
        let free = VideoRequest(endSeconds: 15, tier: .free)
        #expect(ImageToVideoRules.violations(free).isEmpty)
        #expect(free.effectiveResolution == .p480 && free.resolvedModel?.id == "ltx-2.5")
        #expect(ImageToVideoRules.credits(free) == nil)
    }

    @Test func pricesOverTheCatalogsAndWhoseTheyAre() {
        let prices = PriceOverrides([
            "ltx-2.5": [.p480: ResolutionPrice(20)], "kling-3.0": [.p720: ResolutionPrice(40, audio: 10)],
        ])
        // `default` on the free tier is priced as ltx-2.5, by the override.
        #expect(
            ImageToVideoRules.cost(VideoRequest(endSeconds: 15, tier: .free), prices: prices)
                == PricedCredits(300, source: .settings))
        #expect(ImageToVideoRules.cost(VideoRequest(model: "ltx-2.5", endSeconds: 5, resolution: .p720)) == nil)
        #expect(
            ImageToVideoRules.cost(VideoRequest(model: "kling-3.0", endSeconds: 5, audio: true), prices: prices)
                == PricedCredits(250, source: .settings))
        // Other resolutions keep the catalog's price.
        #expect(
            ImageToVideoRules.cost(VideoRequest(model: "kling-3.0", endSeconds: 5, resolution: .p1080), prices: prices)
                == PricedCredits(360, source: .catalog))
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
        // `default` on a paid tier is kling-3.0, whose audio is priced (+24/s at 720p).
        #expect(ImageToVideoRules.credits(VideoRequest(endSeconds: 5, audio: true)) == 5 * (48 + 24))
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
