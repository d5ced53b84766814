public import MagicHourRules

/// The stage type of a Magic Hour generation endpoint, made from its ``GenerationEndpoint`` entry:
/// parameters from its fields, outputs from its project kind, rules and price from
/// ``EndpointRules``. Adding an endpoint to ``EndpointCatalog`` adds its stage type.
public enum EndpointStage {
    public static func type(_ endpoint: GenerationEndpoint) -> StageType {
        StageType(
            name: endpoint.stageTypeName, version: 1, summary: endpoint.summary,
            parameters: endpoint.fields.map(parameter)
                + [
                    ParameterSpec(
                        "name", .string, affectsResult: false,
                        "the project's label in Magic Hour (default: pipeline/task); does not change the result")
                ],
            outputs: outputs(endpoint.kind),
            isPaid: true, workload: .remote, defaultTimeout: max(1800, endpoint.typicalSeconds * 6),
            requiresUpstream: false, callsMagicHour: true,
            rules: { parameters, context in problems(endpoint, parameters, context: context) },
            cost: { parameters, tier, prices, input in
                EndpointRules.cost(endpoint, values(parameters), input: input, tier: tier, prices: prices)
            },
            plannedPath: { _ in nil }, endpoint: endpoint)
    }

    /// A field as a stage parameter.
    private static func parameter(_ field: EndpointField) -> ParameterSpec {
        let kind: ParameterSpec.Kind =
            switch field.kind {
            case .text: .string
            case .integer(let range): .integer(range)
            case .number(let range): .number(range)
            case .boolean: .boolean
            case .choice(let values): .enumeration(values)
            case .file: .file(allowsURL: true)
            }
        let bodyPath = "`\(field.dottedPath)`"
        let summary =
            field.media.map { "\(field.summary): local \($0.rawValue) (uploaded first) or http(s) URL; \(bodyPath)" }
            ?? "\(field.summary); \(bodyPath)"
        // A required field with a default is filled by the stage: the pipeline need not give it.
        return ParameterSpec(
            field.parameter, kind, required: field.isRequired && field.defaultValue == nil, default: field.defaultValue,
            summary)
    }

    /// The outputs every endpoint stage has, and those its project kind adds.
    public static func outputs(_ kind: ProjectKind) -> [OutputSpec] {
        var outputs = [
            OutputSpec("project_id", .string, "the Magic Hour project id"),
            OutputSpec("project_kind", .string, knownAtPlan: true, "video, image or audio"),
            OutputSpec("status", .string, "complete, error or canceled"),
            OutputSpec("credits_charged", .number, "credits the job cost"),
            OutputSpec(
                "downloads", .list(.object(["url": .string, "expires_at": .string], open: false)), "download URLs"),
        ]
        switch kind {
        case .video:
            outputs += [
                OutputSpec("fps", .number, "frames per second"), OutputSpec("width", .number, "video width"),
                OutputSpec("height", .number, "video height"),
                OutputSpec("duration", .number, "seconds of video (end_seconds − start_seconds)"),
            ]
        case .image:
            outputs.append(OutputSpec("image_count", .number, "images made"))
        case .audio:
            break
        }
        return outputs
    }

    /// A task's resolved parameters as the rules read them; file fields by their path or URL.
    public static func values(_ parameters: [String: Value]) -> [String: EndpointValue] {
        var values: [String: EndpointValue] = [:]
        for (name, value) in parameters {
            switch value {
            case .number(let number): values[name] = .number(number)
            case .bool(let on): values[name] = .bool(on)
            default: if let text = value.interpolated { values[name] = .text(text) }
            }
        }
        return values
    }

    private static func problems(
        _ endpoint: GenerationEndpoint, _ parameters: [String: Value], context: RuleContext
    ) -> [(parameter: String, problem: ParameterProblem)] {
        var found: [(parameter: String, problem: ParameterProblem)] = EndpointRules.violations(
            endpoint, values(parameters), tier: context.tier
        ).map { ($0.parameter, ParameterProblem($0.message, hint: $0.hint, code: .magicHourRule)) }
        if case .videoModel = endpoint.price {
            let model = parameters["model"]?.stringValue
            if model == nil || model == VideoModelCatalog.defaultModelID {
                found.append(("model", ImageToVideoStage.unpinned(named: model != nil, context: context)))
            }
        }
        return found
    }
}
