extension PipelineDecoder {
    mutating func decodeStage(_ pair: SyntaxNode.Pair) -> Stage? {
        guard Self.isValidName(pair.key) else {
            sink.error(
                .invalidValue, at: pair.keyLocation, "'\(pair.key)' is not a valid stage name",
                hint: "use letters, digits, _ and -, starting with a letter")
            return nil
        }
        let node = pair.value
        guard let fields = node.pairs else {
            sink.error(
                .wrongType, at: node.location, "stage '\(pair.key)' must be a mapping, found \(node.kindDescription)",
                hint: "a stage needs at least 'uses:'")
            return nil
        }
        checkKeys(fields, allowed: LanguageKeys.stage, in: "stage '\(pair.key)'")
        guard let usesNode = node["uses"] else {
            sink.error(
                .missingKey, at: pair.keyLocation, "stage '\(pair.key)' has no 'uses'",
                hint: "stage types: " + registry.types.map(\.name).joined(separator: ", "))
            return nil
        }
        guard let typeName = string(usesNode, "uses") else { return nil }
        guard let type = registry[typeName] else {
            sink.error(
                .unknownStageType, at: usesNode.location, "unknown stage type '\(typeName)'",
                hint: Suggestion.didYouMean(typeName, among: registry.types.map(\.name))
                    ?? "stage types: " + registry.types.map(\.name).joined(separator: ", "))
            return nil
        }

        let parameters = decodeParameters(node, fields: fields, stage: pair, type: type)
        let needs = decodeNeeds(node)
        let forEach = node["for_each"].flatMap { decodeForEach($0) }
        let matrix = node["matrix"].flatMap { decodeMatrix($0, stage: pair.key) }
        let retry = node["retry"].map { decodeRetry($0) } ?? .none
        let timeout = node["timeout"].flatMap { duration($0, "timeout", maximum: DurationText.longestTimeout) }
        let condition = node["if"].flatMap { decodeCondition($0) }
        let maxParallel = node["max_parallel"].flatMap { decodeMaxParallel($0) }

        return Stage(
            name: pair.key, location: pair.keyLocation, type: type, usesLocation: usesNode.location,
            parameters: parameters,
            needs: needs, forEach: forEach, matrix: matrix, retry: retry, timeout: timeout,
            condition: condition, maxParallel: maxParallel)
    }

    /// The `with:` mapping: each parameter checked against the stage type (its name, a literal's
    /// value, the required ones present, the cross-parameter rules when nothing was rejected).
    private mutating func decodeParameters(
        _ node: SyntaxNode, fields: [SyntaxNode.Pair], stage pair: SyntaxNode.Pair, type: StageType
    ) -> [String: ParameterExpression] {
        var parameters: [String: ParameterExpression] = [:]
        var rejected = false
        if let withNode = node["with"], let withPairs = mapping(withNode, "with") {
            for parameter in withPairs {
                guard let spec = type.parameter(named: parameter.key) else {
                    rejected = true
                    sink.error(
                        .unknownParameter, at: parameter.keyLocation,
                        "\(type.name) has no parameter '\(parameter.key)'",
                        hint: Suggestion.didYouMean(parameter.key, among: type.parameters.map(\.name))
                            ?? "parameters: " + type.parameters.map(\.name).joined(separator: ", "))
                    continue
                }
                guard let expression = parameterExpression(parameter.value) else {
                    rejected = true
                    continue
                }
                if case .literal(let value, _) = expression {
                    if case .failure(let problem) = spec.check(value) {
                        sink.error(problem.code, at: parameter.value.location, problem.message, hint: problem.hint)
                        rejected = true
                        continue
                    }
                }
                parameters[parameter.key] = expression
            }
        }
        for spec in type.parameters where spec.isRequired && parameters[spec.name] == nil {
            let alreadyReported = node["with"]?.pairs?.contains { $0.key == spec.name } ?? false
            if !alreadyReported {
                sink.error(
                    .missingParameter, at: node["with"].map { _ in withKeyLocation(fields) } ?? pair.keyLocation,
                    "stage '\(pair.key)' (\(type.name)) needs the parameter '\(spec.name)'",
                    hint: "\(spec.name): \(spec.summary)")
            }
        }
        if !rejected {
            checkLiteralRules(
                type: type, parameters: parameters,
                fallback: fields.first { $0.key == "with" }?.keyLocation ?? pair.keyLocation)
        }
        return parameters
    }

    /// `needs:` as one stage name or a list of them.
    private mutating func decodeNeeds(_ node: SyntaxNode) -> [StageReference] {
        var needs: [StageReference] = []
        if let needsNode = node["needs"] {
            if let elements = needsNode.elements {
                for element in elements {
                    if let name = string(element, "needs") {
                        needs.append(StageReference(name: name, location: element.location))
                    }
                }
            } else if let name = string(needsNode, "needs") {
                needs.append(StageReference(name: name, location: needsNode.location))
            }
        }
        return needs
    }

    /// `retry:` as a number of attempts, or a mapping of `attempts` and `backoff`.
    private mutating func decodeRetry(_ retryNode: SyntaxNode) -> RetryPolicy {
        var retry = RetryPolicy.none
        let allowed = LanguageLimits.retryAttempts
        if let retryPairs = retryNode.pairs {
            checkKeys(retryPairs, allowed: LanguageKeys.retry, in: "retry")
            if let attemptsNode = retryNode["attempts"], let attempts = integer(attemptsNode, "attempts") {
                if allowed.contains(attempts) {
                    retry.attempts = attempts
                } else {
                    sink.error(
                        .invalidValue, at: attemptsNode.location,
                        "'attempts' must be \(LanguageLimits.text(allowed)), got \(attempts)")
                }
            }
            if let backoffNode = retryNode["backoff"],
                let seconds = duration(backoffNode, "backoff", maximum: DurationText.longestBackoff)
            {
                retry.backoff = seconds
            }
        } else if let attempts = integer(retryNode, "retry") {
            if allowed.contains(attempts) {
                retry.attempts = attempts
            } else {
                sink.error(
                    .invalidValue, at: retryNode.location,
                    "'retry' must be \(LanguageLimits.text(allowed)) attempts, got \(attempts)")
            }
        }
        return retry
    }

    /// `if:` as a boolean, or an expression written with or without `${{ }}`.
    private mutating func decodeCondition(_ ifNode: SyntaxNode) -> (template: Template, location: SourceLocation)? {
        if let scalar = ifNode.scalar, scalar.kind == .boolean {
            return (Template(parts: [.expression(.literal(literal(ifNode), offset: 0))]), ifNode.location)
        }
        guard let text = string(ifNode, "if") else { return nil }
        let source = text.contains("${{") ? text : "${{ \(text) }}"
        let shift = text.contains("${{") ? 0 : -4
        do {
            return (try Template.parse(source), exactLocation(ifNode, offset: shift))
        } catch {
            sink.error(
                error.code, at: exactLocation(ifNode, offset: error.offset + shift), error.message, hint: error.hint)
            return nil
        }
    }

    /// A stage's `max_parallel:`, within ``LanguageLimits/maxParallel``.
    private mutating func decodeMaxParallel(_ limitNode: SyntaxNode) -> Int? {
        guard let limit = integer(limitNode, "max_parallel") else { return nil }
        guard LanguageLimits.maxParallel.contains(limit) else {
            sink.error(
                .invalidValue, at: limitNode.location,
                "'max_parallel' must be \(LanguageLimits.text(LanguageLimits.maxParallel)), got \(limit)")
            return nil
        }
        return limit
    }

    private func withKeyLocation(_ fields: [SyntaxNode.Pair]) -> SourceLocation {
        fields.first { $0.key == "with" }!.keyLocation
    }

    /// Applies the stage type's cross-parameter rules to the values that are literal in the file.
    private mutating func checkLiteralRules(
        type: StageType, parameters: [String: ParameterExpression], fallback: SourceLocation
    ) {
        var known: [String: Value] = [:]
        var allLiteral = true
        for spec in type.parameters {
            if let expression = parameters[spec.name] {
                if case .literal(let value, _) = expression, case .success(let checked) = spec.check(value) {
                    known[spec.name] = checked
                } else {
                    allLiteral = false
                }
            } else if let fallback = spec.defaultValue, !fallback.contains("${{") {
                if case .success(let checked) = spec.check(.string(fallback)) { known[spec.name] = checked }
            }
        }
        for (name, problem) in type.problems(in: known, tier: tier, scheduled: isScheduled) {
            let isLiteral = parameters[name].map({ if case .literal = $0 { true } else { false } })
            if problem.severity == .warning {
                // Warnings are given here only (not per task), for a literal or absent parameter.
                guard isLiteral ?? true else { continue }
                sink.warning(
                    problem.code, at: parameters[name]?.location ?? fallback, problem.message, hint: problem.hint)
                continue
            }
            // A rule over templated values is checked per task by the planner instead.
            guard allLiteral || isLiteral == true else { continue }
            sink.error(problem.code, at: parameters[name]?.location ?? fallback, problem.message, hint: problem.hint)
        }
    }

    mutating func parameterExpression(_ node: SyntaxNode) -> ParameterExpression? {
        var reported = DiagnosticSink()
        let expression = parameterExpressionReporting(node, into: &reported)
        sink.add(contentsOf: reported.diagnostics)
        return expression
    }

    private func parameterExpressionReporting(
        _ node: SyntaxNode, into sink: inout DiagnosticSink
    ) -> ParameterExpression? {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.kind == .string, scalar.text.contains("${{") else {
                return .literal(literal(node), location: node.location)
            }
            do {
                let template = try Template.parse(scalar.text)
                return .template(template, location: exactLocation(node, offset: 0), exact: scalar.isInline)
            } catch {
                sink.error(error.code, at: exactLocation(node, offset: error.offset), error.message, hint: error.hint)
                return nil
            }
        case .sequence(let elements):
            return .list(elements.compactMap { parameterExpressionReporting($0, into: &sink) }, location: node.location)
        case .mapping(let pairs):
            var fields: [String: ParameterExpression] = [:]
            for pair in pairs { fields[pair.key] = parameterExpressionReporting(pair.value, into: &sink) }
            return .object(fields, location: node.location)
        }
    }

    private mutating func decodeForEach(_ node: SyntaxNode) -> ForEach? {
        let usage = "for_each takes ${{ inputs.NAME }}, ${{ stages.NAME }}, a list, or { glob: PATTERN }"
        switch node.content {
        case .sequence(let elements):
            return .list(elements.map(literal), location: node.location)
        case .mapping(let pairs):
            guard pairs.count == 1, let globNode = node["glob"] else {
                sink.error(.invalidValue, at: node.location, "a for_each mapping takes only 'glob'", hint: usage)
                return nil
            }
            return string(globNode, "glob").map { .glob($0, location: globNode.location) }
        case .scalar(let scalar):
            guard scalar.text.contains("${{") else {
                sink.error(.invalidValue, at: node.location, "for_each must name what to iterate over", hint: usage)
                return nil
            }
            let template: Template
            do {
                template = try Template.parse(scalar.text)
            } catch {
                sink.error(error.code, at: exactLocation(node, offset: error.offset), error.message, hint: error.hint)
                return nil
            }
            guard let expression = template.soleExpression, let path = expression.referencePath, path.count == 2,
                path[0] == "inputs" || path[0] == "stages"
            else {
                sink.error(
                    .invalidValue, at: node.location, "for_each must be a single reference to an input or a stage",
                    hint: usage)
                return nil
            }
            let location = exactLocation(node, offset: expression.offset)
            return path[0] == "inputs" ? .input(path[1], location: location) : .stage(path[1], location: location)
        }
    }

    private mutating func decodeMatrix(_ node: SyntaxNode, stage: String) -> Matrix? {
        guard let pairs = mapping(node, "matrix") else { return nil }
        var axes: [Matrix.Axis] = []
        var include: [[String: Value]] = []
        var exclude: [[String: Value]] = []
        for pair in pairs {
            switch pair.key {
            case "include", "exclude":
                guard let elements = pair.value.elements else {
                    sink.error(
                        .wrongType, at: pair.value.location,
                        "'\(pair.key)' must be a list of mappings, found \(pair.value.kindDescription)")
                    continue
                }
                for element in elements {
                    guard let entryPairs = element.pairs, !entryPairs.isEmpty else {
                        sink.error(
                            .wrongType, at: element.location,
                            "each '\(pair.key)' entry must be a mapping of axis values, found \(element.kindDescription)"
                        )
                        continue
                    }
                    var entry: [String: Value] = [:]
                    for entryPair in entryPairs { entry[entryPair.key] = literal(entryPair.value) }
                    if pair.key == "include" { include.append(entry) } else { exclude.append(entry) }
                }
            default:
                guard Self.isValidName(pair.key) else {
                    sink.error(.invalidValue, at: pair.keyLocation, "'\(pair.key)' is not a valid matrix axis name")
                    continue
                }
                guard let elements = pair.value.elements else {
                    sink.error(
                        .wrongType, at: pair.value.location,
                        "matrix axis '\(pair.key)' must be a list of values, found \(pair.value.kindDescription)",
                        hint: "for example \(pair.key): [480p, 720p]")
                    continue
                }
                if elements.isEmpty {
                    sink.error(.invalidValue, at: pair.value.location, "matrix axis '\(pair.key)' has no values")
                    continue
                }
                var values: [Value] = []
                var valueLocations: [SourceLocation] = []
                for element in elements {
                    let value = literal(element)
                    switch value {
                    case .list, .object:
                        sink.error(.wrongType, at: element.location, "matrix values must be text, numbers or booleans")
                    default:
                        if values.contains(value) {
                            sink.error(
                                .duplicateKey, at: element.location,
                                "'\(value.display)' is listed twice in axis '\(pair.key)'")
                        } else {
                            values.append(value)
                            valueLocations.append(element.location)
                        }
                    }
                }
                var axis = Matrix.Axis(name: pair.key, values: values, location: pair.keyLocation)
                axis.valueLocations = valueLocations
                axes.append(axis)
            }
        }
        let axisNames = Set(axes.map(\.name))
        for (index, rule) in exclude.enumerated() {
            for key in rule.keys where !axisNames.contains(key) {
                let location = node["exclude"]?.elements?[index].location ?? node.location
                sink.error(
                    .unknownKey, at: location, "exclude names '\(key)', which is not an axis of the matrix",
                    hint: Suggestion.didYouMean(key, among: axisNames) ?? "axes: "
                        + axisNames.sorted().joined(separator: ", "))
            }
        }
        if axes.isEmpty, include.isEmpty, !pairs.contains(where: { $0.key != "include" && $0.key != "exclude" }) {
            sink.error(.invalidValue, at: node.location, "the matrix of stage '\(stage)' has no axes")
            return nil
        }
        return Matrix(axes: axes, include: include, exclude: exclude, location: node.location)
    }
}
