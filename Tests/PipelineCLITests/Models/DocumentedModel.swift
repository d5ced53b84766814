import Testing

/// One image-to-video model as the vendor documents it, written down here independently of the
/// engine's catalog: the SDK magic-hour 0.90.0 docstrings (durations, resolutions, audio) and the
/// docs' models.mdx of 2026-08-22 (credits per second), as collected in magic-hour-api.md § 8.
/// Legacy names take the rules of the model they are routed to.
struct DocumentedModel: Sendable, CustomTestStringConvertible {
    enum Audio: Sendable { case none, optional, always }

    var id: String
    /// `480p, 720p`.
    var resolutions: [String]
    /// `3-15`, `5,10` or `1-10,15,20,25,30` (whole seconds); `nil` with `anyFrom` for fractions.
    var seconds: String
    /// Whole seconds only at these resolutions.
    var secondsAt: [String: String] = [:]
    /// Any length in this range, fractions included.
    var anySeconds: ClosedRange<Double>?
    var audio: Audio
    /// Credits per second by resolution, and the extra per second with audio (`nil`: not published).
    var prices: [String: (base: Int, audio: Int?)]

    var testDescription: String { id }

    static let allResolutions = ["360p", "480p", "720p", "1080p", "4k"]

    /// Whether the vendor documents `seconds` at `resolution` as accepted.
    func accepts(seconds value: Double, at resolution: String) -> Bool {
        guard resolutions.contains(resolution) else { return false }
        if let rule = secondsAt[resolution] { return Self.whole(rule).contains(value) }
        if let anySeconds { return anySeconds.contains(value) }
        return Self.whole(seconds).contains(value)
    }

    /// `1-3,5` → 1, 2, 3, 5.
    static func whole(_ text: String) -> Set<Double> {
        var values: Set<Double> = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 2 {
                for value in bounds[0]...bounds[1] { values.insert(Double(value)) }
            } else if let value = bounds.first {
                values.insert(Double(value))
            }
        }
        return values
    }

    /// Credits for `value` seconds at `resolution`, `nil` when unpriced.
    func credits(seconds value: Double, at resolution: String, audio on: Bool) -> Int? {
        guard let price = prices[resolution] else { return nil }
        let hasAudio = audio == .always || (audio == .optional && on)
        let perSecond: Int
        if hasAudio {
            guard let extra = price.audio else { return nil }
            perSecond = price.base + extra
        } else {
            perSecond = price.base
        }
        return Int((value * Double(perSecond)).rounded(.up))
    }

    /// A length every resolution of the model accepts.
    var commonSeconds: Double {
        let candidates = (1...60).map(Double.init)
        return candidates.first { value in resolutions.allSatisfy { accepts(seconds: value, at: $0) } } ?? 5
    }

    static let veo = "4,6,8,16,24,32,40,48,56"

    static let all: [DocumentedModel] = {
        let kling26 = DocumentedModel(
            id: "kling-2.6", resolutions: ["720p", "1080p"], seconds: "5,10", audio: .none,
            prices: ["720p": (36, 0), "1080p": (72, 0)])
        let kling30 = DocumentedModel(
            id: "kling-3.0", resolutions: ["720p", "1080p", "4k"], seconds: "3-15", audio: .optional,
            prices: ["720p": (48, 24), "1080p": (72, 24), "4k": (240, 48)])
        let ltx23 = DocumentedModel(
            id: "ltx-2.3", resolutions: ["480p", "720p", "1080p"], seconds: "1-10,15,20,25,30", audio: .optional,
            prices: ["480p": (24, 0), "720p": (48, 0), "1080p": (72, 0)])
        let seedance15 = DocumentedModel(
            id: "seedance-1.5", resolutions: ["480p", "720p", "1080p"], seconds: "4-12", audio: .optional,
            prices: ["480p": (30, 30), "720p": (60, 60), "1080p": (90, 90)])
        let veo31 = DocumentedModel(
            id: "veo3.1", resolutions: ["720p", "1080p"], seconds: veo, audio: .optional,
            prices: ["720p": (96, 24), "1080p": (120, 24)])
        func legacy(_ id: String, _ base: DocumentedModel, audio: Audio? = nil, priced: Bool) -> DocumentedModel {
            var model = base
            model.id = id
            if let audio { model.audio = audio }
            if !priced { model.prices = [:] }
            return model
        }
        return [
            // `default` without a known tier is a paid tier's: kling-3.0 (ltx-2.5 on free).
            { () -> DocumentedModel in
                var model = kling30
                model.id = "default"
                return model
            }(),
            DocumentedModel(
                id: "gemini-omni-1.1", resolutions: ["360p", "720p", "1080p", "4k"], seconds: "3-10", audio: .none,
                prices: [:]),
            kling26,
            kling30,
            ltx23,
            DocumentedModel(
                id: "ltx-2.5", resolutions: ["480p", "720p", "1080p"], seconds: "1-60", audio: .optional, prices: [:]),
            DocumentedModel(
                id: "minimax-h3", resolutions: ["480p", "720p", "1080p"], seconds: "1-30", audio: .optional,
                prices: [:]),
            seedance15,
            DocumentedModel(
                id: "seedance-2.0", resolutions: ["480p", "720p", "1080p", "4k"], seconds: "4-15", audio: .optional,
                prices: ["480p": (144, 0), "720p": (288, 0)]),
            DocumentedModel(
                id: "seedance-2.0-fast", resolutions: ["480p", "720p"], seconds: "4-15", audio: .optional,
                prices: [:]),
            DocumentedModel(
                id: "seedance-2.0-mini", resolutions: ["480p", "720p"], seconds: "4-15", audio: .optional,
                prices: ["480p": (96, 0), "720p": (192, 0)]),
            DocumentedModel(
                id: "seedance-2.5", resolutions: ["480p", "720p", "1080p"], seconds: "4-30", audio: .optional,
                prices: ["480p": (288, 0), "720p": (576, 0)]),
            DocumentedModel(
                id: "sora-2", resolutions: ["720p"], seconds: "4,8,12,24,36,48,60", audio: .optional,
                prices: ["720p": (120, 0)]),
            veo31,
            DocumentedModel(
                id: "veo3.1-lite", resolutions: ["720p", "1080p"], seconds: veo, audio: .optional,
                prices: ["720p": (48, 24), "1080p": (72, 24)]),
            DocumentedModel(
                id: "wan-2.2", resolutions: ["480p", "720p", "1080p"], seconds: "3-10,15", audio: .none,
                prices: ["480p": (24, 0), "720p": (48, 0), "1080p": (72, 0)]),
            DocumentedModel(
                id: "wan-3.0", resolutions: ["480p", "720p", "1080p"], seconds: "2-10,15,20,25,30", audio: .optional,
                prices: [:]),
            legacy("kling-1.6", kling26, priced: false),
            legacy("kling-2.5", kling26, priced: true),
            legacy("kling-2.5-audio", kling26, audio: .always, priced: false),
            legacy("ltx-2", ltx23, priced: false),
            legacy("seedance", seedance15, priced: false),
            legacy("veo3.1-audio", veo31, audio: .always, priced: true),
        ]
    }()
}
