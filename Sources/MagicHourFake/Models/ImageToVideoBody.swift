import MagicHourRules

/// A validated `POST /v1/image-to-video` body.
///
/// Shape errors (missing field, wrong type, value outside the OpenAPI file's enum/minimum/maximum)
/// answer 400 naming the field; the per-model rules of `VideoModelCatalog` (durations,
/// resolutions, audio, end image) answer 422 naming the field.
struct ImageToVideoBody: Sendable {
    var name: String?
    var endSeconds: Double
    var resolution: VideoResolution
    var imageFilePath: String
    var endImageFilePath: String?
    /// `model` as sent (`nil`: the API's `default`).
    var model: String?
    var audio: Bool?
    /// The account's tier: what `default` and an unset resolution mean.
    var tier: AccountTier

    /// The catalog's view of the request.
    var request: VideoRequest {
        VideoRequest(
            model: model, endSeconds: endSeconds, resolution: resolution, audio: audio,
            hasEndImage: endImageFilePath != nil, tier: tier)
    }

    /// Whether the video has a soundtrack (asked for, or always there with the model).
    var hasAudio: Bool {
        request.resolvedModel?.hasAudio(requested: audio) ?? false
    }

    init(_ body: [String: JSONValue], tier: AccountTier) throws(ValidationFailure) {
        self.tier = tier
        if let name = body["name"] {
            guard case .string(let value) = name else { throw .badRequest("name must be a string") }
            self.name = value
        }
        guard let endSeconds = body["end_seconds"] else { throw .badRequest("end_seconds is required") }
        guard case .number(let seconds) = endSeconds, seconds.isFinite else {
            throw .badRequest("end_seconds must be a number")
        }
        let minimum = SecondsFormat.format(ImageToVideoRules.minimumSeconds)
        let maximum = SecondsFormat.format(ImageToVideoRules.maximumSeconds)
        guard seconds >= ImageToVideoRules.minimumSeconds, seconds <= ImageToVideoRules.maximumSeconds else {
            throw .badRequest("end_seconds must be between \(minimum) and \(maximum)")
        }
        self.endSeconds = seconds
        for key in ["height", "width"] {
            switch body[key] {
            case nil, .null?: break
            case .number(let value)? where value.rounded() == value && abs(value) < 1e15: break
            default: throw .badRequest("\(key) must be an integer or null")
            }
        }
        if let model = body["model"] {
            guard case .string(let value) = model, VideoModelCatalog[id: value] != nil else {
                throw .badRequest("model must be one of \(VideoModelCatalog.ids.joined(separator: ", "))")
            }
            self.model = value
        }
        if let audio = body["audio"] {
            guard case .bool(let on) = audio else { throw .badRequest("audio must be a boolean") }
            self.audio = on
        }
        var resolution = tier.defaultResolution
        if let value = body["resolution"] {
            guard case .string(let text) = value, let parsed = VideoResolution(rawValue: text) else {
                throw .badRequest(
                    "resolution must be one of \(VideoResolution.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            resolution = parsed
        }
        if let style = body["style"] {
            guard case .object(let fields) = style else { throw .badRequest("style must be an object") }
            if let prompt = fields["prompt"] {
                guard case .string = prompt else { throw .badRequest("style.prompt must be a string") }
            }
            if let highQuality = fields["high_quality"] {
                guard case .bool(let on) = highQuality else {
                    throw .badRequest("style.high_quality must be a boolean")
                }
                if body["resolution"] == nil { resolution = on ? .p1080 : .p720 }
            }
            if let mode = fields["quality_mode"] {
                guard case .string(let text) = mode, ["quick", "studio"].contains(text) else {
                    throw .badRequest("style.quality_mode must be one of quick, studio")
                }
                if body["resolution"] == nil { resolution = text == "studio" ? .p1080 : .p720 }
            }
        }
        self.resolution = resolution
        guard let assets = body["assets"] else { throw .badRequest("assets is required") }
        guard case .object(let assetFields) = assets else { throw .badRequest("assets must be an object") }
        guard let path = assetFields["image_file_path"] else { throw .badRequest("assets.image_file_path is required") }
        guard case .string(let imagePath) = path, !imagePath.isEmpty else {
            throw .badRequest("assets.image_file_path must be a non-empty string")
        }
        if let end = assetFields["end_image_file_path"] {
            guard case .string(let endPath) = end, !endPath.isEmpty else {
                throw .badRequest("assets.end_image_file_path must be a non-empty string")
            }
            self.endImageFilePath = endPath
        }
        self.imageFilePath = imagePath
        if let violation = ImageToVideoRules.violations(request).first {
            throw .unprocessable("\(violation.field.apiName): \(violation.message)")
        }
    }
}
