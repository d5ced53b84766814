/// Every `model` of `POST /v1/image-to-video`, as data in one place: the validator, the planner,
/// the JSON Schema, the fake server, `pipeline models` and the README read this table.
///
/// A new model is one entry in `models`. Prices are the docs' credits per second
/// (`api-reference/models.mdx`, 2026-08-22); a resolution without a published price is left out of
/// `prices`, so it plans as unpriced, never as 0.
public enum VideoModelCatalog {
    /// The date of the newest facts in the table.
    public static let asOf = "2026-10"
    /// Where the facts come from.
    public static let sources = [FactSource.sdk090, .docs202608]

    /// The model the API uses when a request names none.
    public static let defaultModelID = "default"

    public static subscript(id id: String) -> VideoModel? {
        byID[id]
    }

    /// What `default` stands for: kling-3.0 on paid tiers and ltx-2.5 on free (SDK 0.90.0; the
    /// 2026-08 docs still say ltx-2.3 for free).
    public static let serverDefault = ServerChoice(paidTiers: "kling-3.0", freeTier: "ltx-2.5")

    /// The model a request naming `model` renders with on `tier`: the model itself, or for
    /// `default` the tier's model (a paid tier's when the tier is not known).
    public static func resolved(_ model: VideoModel, tier: AccountTier?) -> VideoModel {
        guard let choice = model.serverChoice, let target = byID[choice.modelID(for: tier)]
        else { return model }
        return target
    }

    /// Model names in the API's enum order of this table.
    public static var ids: [String] { models.map(\.id) }

    /// The models a user should pin: neither `default` nor legacy names.
    public static var pinnable: [VideoModel] {
        models.filter { $0.legacy == nil && !$0.isServerChoice }
    }

    private static let byID: [String: VideoModel] = Dictionary(
        models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The table.
    public static let models: [VideoModel] = [
        serverChoiceEntry,
        VideoModel(
            "gemini-omni-1.1", "precise short clips, first/last frames, high resolution",
            resolutions: [.p360, .p720, .p1080, .p4k], durations: .from(3, to: 10), audio: .none,
            endImage: EndImageSupport([.p360, .p720, .p1080, .p4k]), prices: [:], source: .sdk090),
        kling26,
        kling30,
        ltx23,
        VideoModel(
            "ltx-2.5", "fastest for general scenes, long clips, audio (the free tier's default)",
            resolutions: [.p480, .p720, .p1080], durations: .from(1, to: 60), audio: .optional,
            endImage: EndImageSupport([.p480, .p720, .p1080]), prices: [:], source: .sdk090),
        VideoModel(
            "minimax-h3", "reference-driven clips with native audio and longer durations",
            resolutions: [.p480, .p720, .p1080], durations: .from(1, to: 30), audio: .optional,
            endImage: EndImageSupport([.p480, .p720, .p1080]), prices: [:], source: .sdk090),
        seedance15,
        VideoModel(
            "seedance-2.0", "reference-led clips with precise subject control",
            resolutions: [.p480, .p720, .p1080, .p4k], durations: .from(4, to: 15), audio: .optional,
            endImage: EndImageSupport([.p480, .p720, .p1080, .p4k]),
            prices: [.p480: ResolutionPrice(144), .p720: ResolutionPrice(288)], source: .sdk090),
        VideoModel(
            "seedance-2.0-fast", "fast reference-led clips with consistent motion and audio",
            resolutions: [.p480, .p720], durations: .from(4, to: 15), audio: .optional,
            endImage: EndImageSupport([.p480, .p720]), prices: [:], source: .sdk090),
        VideoModel(
            "seedance-2.0-mini", "faster reference-led clips with consistent motion and audio",
            resolutions: [.p480, .p720], durations: .from(4, to: 15), audio: .optional,
            endImage: EndImageSupport([.p480, .p720]),
            prices: [.p480: ResolutionPrice(96), .p720: ResolutionPrice(192)], source: .sdk090),
        VideoModel(
            "seedance-2.5", "premium realism, detail and natural motion",
            resolutions: [.p480, .p720, .p1080], durations: .from(4, to: 30), audio: .optional,
            endImage: EndImageSupport([.p480, .p720, .p1080]),
            prices: [.p480: ResolutionPrice(288), .p720: ResolutionPrice(576)], source: .sdk090),
        VideoModel(
            "sora-2", "OpenAI's model: creativity and viral clips",
            resolutions: [.p720], durations: .only([4, 8, 12, 24, 36, 48, 60]), audio: .optional,
            endImage: .none, prices: [.p720: ResolutionPrice(120)], source: .docs202608),
        veo31,
        VideoModel(
            "veo3.1-lite", "Veo realism and audio at a lower cost",
            resolutions: [.p720, .p1080], durations: veoDurations, audio: .optional,
            endImage: EndImageSupport([.p720, .p1080], maximumSeconds: 8),
            prices: [.p720: ResolutionPrice(48, audio: 24), .p1080: ResolutionPrice(72, audio: 24)],
            source: .sdk090),
        VideoModel(
            "wan-2.2", "physical motion, action and camera movement",
            resolutions: [.p480, .p720, .p1080], durations: .from(3, to: 10, and: [15]), audio: .none,
            endImage: .none,
            prices: [.p480: ResolutionPrice(24), .p720: ResolutionPrice(48), .p1080: ResolutionPrice(72)],
            source: .sdk090),
        VideoModel(
            "wan-3.0", "native audio, long clips and end-frame control",
            resolutions: [.p480, .p720, .p1080], durations: .from(2, to: 10, and: [15, 20, 25, 30]),
            audio: .optional, endImage: EndImageSupport([.p480, .p720, .p1080]), prices: [:], source: .sdk090),
        // Legacy names: still accepted, routed to a current model. Only kling-2.5's routing and the
        // `-audio` suffix (= `audio: true`) are documented; the others' targets are inferred, so
        // they plan as unpriced.
        kling26.aliased(as: "kling-1.6", note: "retired; target inferred", priced: false, source: .docs202608),
        kling26.aliased(
            as: "kling-2.5", note: "routed since 2026-08-10", priced: true, source: .docs202608),
        kling26.aliased(
            as: "kling-2.5-audio", note: "= kling-2.5 with audio: true; no audio price published",
            audio: .always, priced: false, source: .docs202608),
        ltx23.aliased(as: "ltx-2", note: "retired; target inferred", priced: false, source: .docs202608),
        seedance15.aliased(as: "seedance", note: "retired; target inferred", priced: false, source: .docs202608),
        veo31.aliased(
            as: "veo3.1-audio", note: "= veo3.1 with audio: true", audio: .always, priced: true,
            source: .docs202608),
    ]

    private static let veoDurations = DurationRule.only([4, 6, 8, 16, 24, 32, 40, 48, 56])

    /// `default`: the server's choice, resolved per tier by ``resolved(_:tier:)``. Its own facts are the
    /// paid tiers' model's (kling-3.0), for tables.
    private static let serverChoiceEntry = kling30.serving(
        as: defaultModelID, serverDefault,
        summary: "the server's choice: kling-3.0 on paid tiers, ltx-2.5 on free; changes over time")

    private static let kling30 = VideoModel(
        "kling-3.0", "cinematic stories, references, optional audio (the paid tiers' default)",
        resolutions: [.p720, .p1080, .p4k], durations: .from(3, to: 15), audio: .optional,
        endImage: EndImageSupport([.p720, .p1080, .p4k]),
        prices: [
            .p720: ResolutionPrice(48, audio: 24), .p1080: ResolutionPrice(72, audio: 24),
            .p4k: ResolutionPrice(240, audio: 48),
        ],
        source: .sdk090)

    private static let kling26 = VideoModel(
        "kling-2.6", "action, motion blur and controlled camera moves",
        resolutions: [.p720, .p1080], durations: .only([5, 10]), audio: .none, endImage: EndImageSupport([.p1080]),
        prices: [.p720: ResolutionPrice(36), .p1080: ResolutionPrice(72)], source: .sdk090)

    private static let ltx23 = VideoModel(
        "ltx-2.3", "fast output for rapid iteration (the docs' free-tier default)",
        resolutions: [.p480, .p720, .p1080], durations: .from(1, to: 10, and: [15, 20, 25, 30]), audio: .optional,
        endImage: EndImageSupport([.p480, .p720, .p1080]),
        prices: [.p480: ResolutionPrice(24), .p720: ResolutionPrice(48), .p1080: ResolutionPrice(72)],
        source: .docs202608)

    private static let seedance15 = VideoModel(
        "seedance-1.5", "smooth, consistent motion with an end frame",
        resolutions: [.p480, .p720, .p1080], durations: .from(4, to: 12), audio: .optional,
        endImage: EndImageSupport([.p480, .p720, .p1080]),
        prices: [
            .p480: ResolutionPrice(30, audio: 30), .p720: ResolutionPrice(60, audio: 60),
            .p1080: ResolutionPrice(90, audio: 90),
        ],
        source: .sdk090)

    private static let veo31 = VideoModel(
        "veo3.1", "romantic interactions and expressive action, realistic detail",
        resolutions: [.p720, .p1080], durations: veoDurations, audio: .optional,
        endImage: EndImageSupport([.p720, .p1080], maximumSeconds: 8),
        prices: [.p720: ResolutionPrice(96, audio: 24), .p1080: ResolutionPrice(120, audio: 24)], source: .sdk090)
}
