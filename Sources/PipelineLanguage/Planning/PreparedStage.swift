/// A stage as the planner uses it for every task: what does not change from task to task,
/// worked out once.
final class PreparedStage {
    /// A parameter that has a value: given under `with:` or by the stage type's default.
    final class Parameter {
        let spec: ParameterSpec
        let expression: ParameterExpression
        /// Written in the file, not a default.
        let isGiven: Bool
        /// Whether every task has the same value (no `${{ }}` in it), so the stage's parameter
        /// table keeps it once.
        var isShared: Bool { !expression.hasExpressions }

        init(spec: ParameterSpec, expression: ParameterExpression, isGiven: Bool) {
            self.spec = spec
            self.expression = expression
            self.isGiven = isGiven
        }
    }

    let stage: Stage
    /// In the stage type's declaration order.
    let parameters: [Parameter]
    /// Whether any parameter has `${{ }}` (so the stage type's rules are checked per task).
    let isTemplated: Bool
    let keyLayout: CacheKeyLayout
    /// For each parameter of `keyLayout`, its position in `parameters` (nil when it has no value).
    let keyedParameters: [Int?]
    /// Whether a file parameter is the item's own path (`${{ item }}` or `${{ item.path }}`), so
    /// the files a stage reads are known from its items before its tasks are planned.
    let readsItemFiles: Bool
    /// Whether the stage's tasks write files known at plan time (an output `path` known when
    /// planning), which a later task of the same stage could name as a file to read.
    let writesPlannedFiles: Bool
    /// `<output_dir>/.work/<stage>`, where the stage's work files go.
    let workFolder: String
    /// The extension of what the upstream stage's project downloads (`download`'s file name).
    let upstreamExtension: String

    init(_ stage: Stage, settings: Settings, upstream: StageType? = nil) {
        self.stage = stage
        upstreamExtension = upstream?.downloadExtension ?? "mp4"
        workFolder = PathText.join(settings.workDirectory, stage.name)
        writesPlannedFiles = stage.type.outputs.contains { $0.name == "path" && $0.knownAtPlan }
        let parameters = stage.type.parameters.compactMap { spec in
            if let given = stage.parameters[spec.name] {
                return Parameter(spec: spec, expression: given, isGiven: true)
            }
            return Self.defaultExpression(spec, stage: stage).map {
                Parameter(spec: spec, expression: $0, isGiven: false)
            }
        }
        self.parameters = parameters
        isTemplated = parameters.contains { $0.expression.hasExpressions }
        keyLayout = CacheKeyLayout(type: stage.type)
        keyedParameters = keyLayout.parameters.map { keyed in parameters.firstIndex { $0.spec.name == keyed.name } }
        readsItemFiles = parameters.contains { parameter in
            guard case .file = parameter.spec.kind, case .template(let template, _, _) = parameter.expression else {
                return false
            }
            switch template.soleExpression {
            case .name("item", _)?, .member(.name("item", _), "path", _)?: return true
            default: return false
            }
        }
    }

    /// A parameter's default as an expression.
    private static func defaultExpression(_ spec: ParameterSpec, stage: Stage) -> ParameterExpression? {
        guard let fallback = spec.defaultValue else { return nil }
        if fallback.contains("${{"), let template = try? Template.parse(fallback) {
            return .template(template, location: stage.location, exact: false)
        }
        return .literal(.string(fallback), location: stage.location)
    }
}
