/// The rules and prices of every generation endpoint, read from ``EndpointCatalog``: the
/// validator, the planner and the fake apply the same facts.
public enum EndpointRules {
    /// Every rule `values` break beyond each field's own kind (which ``check(_:_:)`` covers):
    /// the segment's order, the video models' and image models' per-model rules. Fields not known
    /// yet are absent and not checked.
    public static func violations(
        _ endpoint: GenerationEndpoint, _ values: [String: EndpointValue], tier: AccountTier? = nil
    ) -> [EndpointViolation] {
        var found: [EndpointViolation] = []
        if let start = values["start_seconds"]?.number, let end = values["end_seconds"]?.number, end <= start {
            found.append(
                EndpointViolation(
                    "end_seconds",
                    "end_seconds (\(SecondsFormat.format(end))) must be after start_seconds (\(SecondsFormat.format(start)))"
                ))
        }
        switch endpoint.price {
        case .videoModel:
            found += ImageToVideoRules.violations(videoRequest(values, tier: tier)).map {
                EndpointViolation($0.field.rawValue, $0.message, hint: $0.hint)
            }
        default:
            break
        }
        if endpoint.field("model") != nil, endpoint.kind == .image {
            found += imageModelViolations(values, tier: tier)
        }
        return found
    }

    /// Checks one value against its field's kind; the message says what is accepted.
    public static func check(_ field: EndpointField, _ value: EndpointValue) -> String? {
        let name = field.parameter
        switch (field.kind, value) {
        case (.text, .text(let text)), (.file, .text(let text)):
            return text.isEmpty ? "'\(name)' must not be empty" : nil
        case (.integer(let range), .number(let number)):
            guard number.rounded() == number else { return "'\(name)' must be a whole number" }
            return range.contains(Int(exactly: number) ?? .min)
                ? nil : "'\(name)' must be from \(range.lowerBound) to \(range.upperBound), got \(value.display)"
        case (.number(let range), .number(let number)):
            return range.contains(number)
                ? nil
                : "'\(name)' must be from \(SecondsFormat.format(range.lowerBound)) to \(SecondsFormat.format(range.upperBound)), got \(value.display)"
        case (.boolean, .bool):
            return nil
        case (.choice(let allowed), _):
            return allowed.contains(value.display)
                ? nil : "'\(name)' must be one of \(allowed.joined(separator: ", ")), got '\(value.display)'"
        default:
            return "'\(name)' has the wrong type"
        }
    }

    /// Credits the request costs, and whose price that is; `nil` when no price is published for
    /// it (or the figures it needs are not known).
    public static func cost(
        _ endpoint: GenerationEndpoint, _ values: [String: EndpointValue], input: MediaFacts = .unknown,
        tier: AccountTier? = nil, prices: PriceOverrides = .none
    ) -> PricedCredits? {
        switch endpoint.price {
        case .unpublished:
            return nil
        case .videoModel:
            return ImageToVideoRules.cost(videoRequest(values, tier: tier), prices: prices)
        case .table(let unit, let rateBy, let defaults, let rates):
            let key = rateBy.map { values[$0]?.display ?? defaults[$0] ?? "" }.joined(separator: ",")
            guard let rate = rates[key], let units = units(unit, endpoint, values, input: input) else { return nil }
            // 4.8 × 10 is 48.000000000000007 in binary: round up only what is more than noise.
            return PricedCredits(Int((rate * units - 1e-9).rounded(.up)), source: .catalog)
        }
    }

    private static func units(
        _ unit: EndpointPrice.Unit, _ endpoint: GenerationEndpoint, _ values: [String: EndpointValue],
        input: MediaFacts
    ) -> Double? {
        switch unit {
        case .job:
            return 1
        case .image(let count):
            return values[count]?.number ?? 1
        case .second:
            return endpoint.billedSeconds(values, input: input)
        case .frame(let limit):
            guard let seconds = endpoint.billedSeconds(values, input: input) else { return nil }
            var fps = input.framesPerSecond ?? EndpointPrice.assumedFramesPerSecond
            if let limit, let cap = values[limit]?.number { fps = min(fps, cap) }
            return (seconds * fps).rounded(.up)
        case .character(let parameter):
            return values[parameter]?.text.map { Double($0.count) }
        }
    }

    /// The most a request may cost when it is unpriced: the dearest published rate of its kind.
    public static func ceiling(
        _ endpoint: GenerationEndpoint, _ values: [String: EndpointValue], input: MediaFacts = .unknown
    ) -> Int? {
        switch endpoint.price {
        case .videoModel:
            let request = videoRequest(values, tier: nil)
            guard let seconds = request.endSeconds else { return nil }
            let rate = VideoModelCatalog.models.flatMap { $0.prices.values.map(\.creditsPerSecond) }.max() ?? 0
            return Int((seconds * Double(rate) * 2).rounded(.up))
        case .table(let unit, _, _, let rates):
            guard let rate = rates.values.max(), let units = units(unit, endpoint, values, input: input) else {
                return nil
            }
            let perImage = endpoint.kind == .image && endpoint.field("model") != nil
            let dearest = perImage ? max(rate, Double(ImageModelCatalog.highestCreditsPerImage)) : rate
            return Int((dearest * units).rounded(.up))
        case .unpublished:
            guard let seconds = endpoint.billedSeconds(values, input: input) else { return nil }
            return Int((seconds * Double(unpublishedCeilingPerSecond)).rounded(.up))
        }
    }

    /// Credits per second the budget guard holds for a job of an endpoint without a price.
    public static let unpublishedCeilingPerSecond = 288

    /// The video-model fields of a `text-to-video` request.
    public static func videoRequest(_ values: [String: EndpointValue], tier: AccountTier?) -> VideoRequest {
        var audio: Bool?
        if case .bool(let on)? = values["audio"] { audio = on }
        return VideoRequest(
            model: values["model"]?.text, endSeconds: values["end_seconds"]?.number,
            resolution: values["resolution"]?.text.flatMap(VideoResolution.init(rawValue:)), audio: audio,
            hasEndImage: false, tier: tier)
    }

    private static func imageModelViolations(
        _ values: [String: EndpointValue], tier: AccountTier?
    ) -> [EndpointViolation] {
        guard let id = values["model"]?.text, let model = ImageModelCatalog[id: id] else { return [] }
        var found: [EndpointViolation] = []
        if let resolution = values["resolution"]?.text, resolution != "auto", !model.resolutions.contains(resolution) {
            found.append(
                EndpointViolation(
                    "resolution", "\(id) renders \(model.resolutions.joined(separator: ", ")), not \(resolution)",
                    hint: "\(resolution) needs "
                        + ImageModelCatalog.models.filter { $0.resolutions.contains(resolution) }.map(\.id).joined(
                            separator: ", ")))
        }
        if let count = values["image_count"]?.number, !model.imageCounts.contains(Int(count)) {
            found.append(
                EndpointViolation(
                    "image_count",
                    "\(id) makes \(model.imageCounts.map(String.init).joined(separator: ", ")) images per job, not \(SecondsFormat.format(count))"
                ))
        }
        if tier == .free, !model.onFreeTier {
            found.append(
                EndpointViolation(
                    "model", "\(id) is not available on the free tier",
                    hint: "free-tier models: "
                        + ImageModelCatalog.models.filter(\.onFreeTier).map(\.id).joined(separator: ", ")))
        }
        return found
    }
}
