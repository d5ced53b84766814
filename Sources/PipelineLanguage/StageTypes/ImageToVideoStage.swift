import MagicHourRules

/// `magic_hour.image_to_video`'s rules and price, from the catalog of MagicHourRules.
enum ImageToVideoStage {
    /// The catalog's request fields from a task's resolved parameters (absent when not known).
    static func request(_ parameters: [String: Value]) -> VideoRequest {
        VideoRequest(
            model: parameters["model"]?.stringValue,
            endSeconds: parameters["end_seconds"]?.numberValue,
            resolution: parameters["resolution"]?.stringValue.flatMap(VideoResolution.init(rawValue:)),
            audio: boolean(parameters["audio"]),
            hasEndImage: parameters["end_image"] != nil)
    }

    private static func boolean(_ value: Value?) -> Bool? {
        if case .bool(let on)? = value { return on }
        return nil
    }

    static func problems(in parameters: [String: Value]) -> [(parameter: String, problem: ParameterProblem)] {
        var problems: [(parameter: String, problem: ParameterProblem)] = ImageToVideoRules.violations(
            request(parameters)
        ).map { violation in
            (violation.field.rawValue, ParameterProblem(violation.message, hint: violation.hint, code: .magicHourRule))
        }
        let model = parameters["model"]?.stringValue
        if model == nil || model == VideoModelCatalog.defaultModelID {
            let pinned = VideoModelCatalog.pinnable.map(\.id).joined(separator: ", ")
            problems.append(
                (
                    "model",
                    ParameterProblem(
                        model == nil
                            ? "no 'model': Magic Hour uses 'default', whose model, rules and price change over time"
                            : "model 'default' is the server's choice and changes over time",
                        hint: "pin a model (see `pipeline models`): \(pinned)", code: .unpinnedModel,
                        severity: .warning)
                ))
        }
        return problems
    }

    /// Credits from the catalog; `nil` when the model publishes no price for the task.
    static func credits(for parameters: [String: Value]) -> Int? {
        ImageToVideoRules.credits(request(parameters))
    }
}
