/// Cross-stage checks on a decoded pipeline: references, the stage graph (cycles, for_each
/// direction), matrix lineage, and the types of every expression.
struct PipelineValidator {
    /// What the validator learnt about a stage, reused by the planner.
    struct StageAnalysis {
        var stage: Stage
        /// The type of `item` inside the stage (nil without for_each).
        var itemType: ValueType?
        /// The type of `item` in a stage that iterates over this one.
        var producedItemType: ValueType
        /// Matrix axes accumulated from upstream stages plus this stage's own.
        var matrixType: [String: ValueType]
        /// The upstream stage `for_each` links to, if any.
        var upstream: String?
        /// Every stage this one waits for (for_each upstream and needs).
        var dependencies: [String]
    }

    let pipeline: Pipeline
    var sink = DiagnosticSink()
    /// Stages the decoder left out (their error is reported), and the stages that follow them:
    /// nothing more is said about those, as it would only repeat the first error.
    let rejectedStages: Set<String>

    init(pipeline: Pipeline, rejectedStages: Set<String> = []) {
        self.pipeline = pipeline
        var rejected = rejectedStages
        var grew = true
        while grew {
            grew = false
            for stage in pipeline.stages where !rejected.contains(stage.name) {
                var upstream = stage.needs.map(\.name)
                if case .stage(let name, _) = stage.forEach { upstream.append(name) }
                if upstream.contains(where: rejected.contains) {
                    rejected.insert(stage.name)
                    grew = true
                }
            }
        }
        self.rejectedStages = rejected
    }

    /// Stage analyses in a valid execution order (file order among independent stages).
    mutating func validate() -> [StageAnalysis] {
        let names = pipeline.stages.map(\.name)
        var dependencies: [String: [String]] = [:]
        for stage in pipeline.stages where !rejectedStages.contains(stage.name) {
            var edges: [String] = []
            for reference in stage.needs {
                if reference.name == stage.name {
                    sink.error(.cycle, at: reference.location, "stage '\(stage.name)' cannot need itself")
                } else if names.contains(reference.name) {
                    edges.append(reference.name)
                } else {
                    sink.error(
                        .unknownStage, at: reference.location, "'needs' names an unknown stage '\(reference.name)'",
                        hint: Suggestion.didYouMean(reference.name, among: names) ?? "stages: "
                            + names.joined(separator: ", "))
                }
            }
            switch stage.forEach {
            case .stage(let upstream, let location):
                if upstream == stage.name {
                    sink.error(
                        .forEachNotUpstream, at: location, "stage '\(stage.name)' cannot iterate over itself",
                        hint: "for_each takes an upstream stage, an input, a glob or a list")
                } else if names.contains(upstream) {
                    edges.append(upstream)
                } else {
                    sink.error(
                        .unknownStage, at: location, "for_each names an unknown stage '\(upstream)'",
                        hint: Suggestion.didYouMean(upstream, among: names) ?? "stages: "
                            + names.joined(separator: ", "))
                }
            case .input(let input, let location):
                if pipeline.input(named: input) == nil {
                    let inputNames = pipeline.inputs.map(\.name)
                    sink.error(
                        .unknownReference, at: location, "for_each names an unknown input '\(input)'",
                        hint: Suggestion.didYouMean(input, among: inputNames)
                            ?? (inputNames.isEmpty
                                ? "declare it under 'inputs:'" : "inputs: " + inputNames.joined(separator: ", ")))
                }
            default:
                break
            }
            if stage.type.requiresUpstream {
                if case .stage = stage.forEach {
                } else {
                    sink.error(
                        .forEachNotUpstream, at: stage.usesLocation,
                        "\(stage.type.name) works on an upstream stage's outputs",
                        hint: "add for_each: ${{ stages.NAME }} naming the stage it follows")
                }
            }
            var unique: [String] = []
            for edge in edges where !unique.contains(edge) { unique.append(edge) }
            dependencies[stage.name] = unique
        }

        let order = topologicalOrder(dependencies: dependencies)
        var analyses: [String: StageAnalysis] = [:]
        var ordered: [StageAnalysis] = []
        for name in order {
            guard let stage = pipeline.stage(named: name) else { continue }
            let analysis = analyse(stage, dependencies: dependencies[name] ?? [], known: analyses)
            analyses[name] = analysis
            ordered.append(analysis)
        }
        return ordered
    }

    /// Kahn's algorithm in file order; stages left over form cycles and are reported.
    private mutating func topologicalOrder(dependencies: [String: [String]]) -> [String] {
        let names = pipeline.stages.map(\.name).filter { dependencies[$0] != nil }
        var remaining = dependencies.mapValues { Set($0) }
        var order: [String] = []
        while true {
            guard let next = names.first(where: { remaining[$0]?.isEmpty == true }) else { break }
            order.append(next)
            remaining[next] = nil
            for key in remaining.keys { remaining[key]?.remove(next) }
        }
        if !remaining.isEmpty {
            // Walk one cycle to name it.
            let start = names.first { remaining[$0] != nil }!
            var path = [start]
            var current = start
            while let next = remaining[current]?.sorted(by: { names.firstIndex(of: $0)! < names.firstIndex(of: $1)! })
                .first,
                !path.contains(next)
            {
                path.append(next)
                current = next
            }
            if let next = remaining[current]?.first(where: { path.contains($0) }) { path.append(next) }
            let cycleStart = path.firstIndex(of: path.last!)!
            let cycle = Array(path[cycleStart...]).reversed()
            // Reported at the link that closes the loop: in file order, the one that names a
            // stage written after (or at) its own, a for_each before a needs.
            let position = { (name: String) in names.firstIndex(of: name) ?? 0 }
            var closing: SourceLocation?
            var closingIsForEach = false
            for index in cycleStart..<(path.count - 1) {
                let (downstream, upstream) = (path[index], path[index + 1])
                guard position(upstream) >= position(downstream), let stage = pipeline.stage(named: downstream)
                else { continue }
                if case .stage(let name, let location) = stage.forEach, name == upstream {
                    if closing == nil || !closingIsForEach { (closing, closingIsForEach) = (location, true) }
                } else if closing == nil, let reference = stage.needs.first(where: { $0.name == upstream }) {
                    closing = reference.location
                }
            }
            let stage = pipeline.stage(named: start)!
            let isForEach = pipeline.stages.contains { candidate in
                if case .stage(let upstream, _) = candidate.forEach {
                    return remaining[candidate.name] != nil && remaining[upstream] != nil
                }
                return false
            }
            sink.error(
                isForEach ? .forEachNotUpstream : .cycle, at: closing ?? stage.location,
                "stages form a cycle: " + cycle.joined(separator: " → ")
                    + (isForEach ? " (for_each must name a stage that runs before this one)" : ""),
                hint: "remove one of the 'needs' or 'for_each' links so the stages run in one direction")
        }
        return order
    }

    private mutating func analyse(
        _ stage: Stage, dependencies: [String], known: [String: StageAnalysis]
    ) -> StageAnalysis {
        var itemType: ValueType?
        var upstreamMatrix: [String: ValueType] = [:]
        var upstream: String?
        switch stage.forEach {
        case .input(let name, _):
            if let input = pipeline.input(named: name) { itemType = Self.itemType(of: input.source) }
        case .glob:
            itemType = Self.fileItemType
        case .list(let values, _):
            itemType = Self.commonType(of: values)
        case .stage(let name, _):
            if let analysis = known[name] {
                itemType = analysis.producedItemType
                upstreamMatrix = analysis.matrixType
                upstream = name
            } else {
                itemType = .any
            }
        case nil:
            break
        }

        var matrixType = upstreamMatrix
        if let matrix = stage.matrix {
            for axis in matrix.axes {
                if upstreamMatrix[axis.name] != nil {
                    sink.error(
                        .matrixConflict, at: axis.location,
                        "matrix axis '\(axis.name)' is already set by an upstream stage",
                        hint: "rename the axis; upstream values stay available as item.matrix.\(axis.name)")
                }
                matrixType[axis.name] = Self.commonType(of: axis.values)
            }
            for entry in matrix.include {
                for (key, value) in entry
                where matrixType[key] == nil || !matrix.axes.contains(where: { $0.name == key }) {
                    matrixType[key] = matrixType[key].map { $0.union(ValueType(of: value)) } ?? ValueType(of: value)
                }
            }
        }

        checkExpressions(stage, itemType: itemType, matrixType: matrixType, upstream: upstream)

        // What `item` is for a stage iterating over this one: the lineage plus this stage's outputs.
        var produced: [String: ValueType] = [
            "stem": .string, "name": .string, "extension": .string, "index": .number, "source": .any,
            "matrix": .object(matrixType, open: false),
        ]
        if case .object(let fields, _)? = itemType {
            for key in ["path", "source"] where fields[key] != nil { produced[key] = fields[key] }
        }
        if itemType != nil, produced["source"] == .any { produced["source"] = itemType }
        for output in stage.type.outputs { produced[output.name] = output.type }
        return StageAnalysis(
            stage: stage, itemType: itemType, producedItemType: .object(produced, open: false), matrixType: matrixType,
            upstream: upstream, dependencies: dependencies)
    }

    /// The static scope of a stage's expressions.
    static func typeChecker(itemType: ValueType?, matrixType: [String: ValueType], pipeline: Pipeline) -> TypeChecker {
        var inputs: [String: ValueType] = [:]
        for input in pipeline.inputs { inputs[input.name] = .list(Self.itemType(of: input.source)) }
        var scope: [String: ValueType] = [
            "inputs": .object(inputs, open: false),
            "matrix": .object(matrixType, open: false),
            "env": .object([:], open: true),
            "run": .object(["id": .string, "date": .string, "time": .string], open: false),
        ]
        var unavailable = ["stages": "stages.NAME goes in for_each; use needs: to order stages"]
        if let itemType { scope["item"] = itemType } else { unavailable["item"] = "this stage has no for_each" }
        return TypeChecker(scope: scope, unavailable: unavailable, secrets: pipeline.settings.secretNames)
    }

    private mutating func checkExpressions(
        _ stage: Stage, itemType: ValueType?, matrixType: [String: ValueType], upstream: String?
    ) {
        let checker = Self.typeChecker(itemType: itemType, matrixType: matrixType, pipeline: pipeline)
        for spec in stage.type.parameters {
            if let expression = stage.parameters[spec.name] {
                check(expression, spec: spec, checker: checker)
            } else if let fallback = spec.defaultValue, fallback.contains("${{"),
                let template = try? Template.parse(fallback)
            {
                do {
                    let type = try checker.check(template)
                    if !TypeChecker.accepts(spec.valueType, type) { throw ExpressionError(.expressionType, at: 0, "") }
                } catch {
                    let from = upstream.map { "stage '\($0)'" } ?? "its item"
                    sink.error(
                        .unknownReference, at: stage.forEach?.location ?? stage.usesLocation,
                        "\(stage.type.name) takes '\(spec.name)' from \(fallback), but \(from) has no such output",
                        hint: "set '\(spec.name)' under 'with:' or iterate over a stage that produces it")
                }
            }
        }
        if let condition = stage.condition {
            do {
                let type = try checker.check(condition.template)
                if type != .bool && type != .any {
                    sink.error(
                        .expressionType, at: condition.location, "'if' must be a boolean expression, this is a \(type)")
                }
            } catch {
                sink.error(
                    error.code, at: condition.location.advanced(by: error.offset), error.message, hint: error.hint)
            }
        }
    }

    private mutating func check(_ expression: ParameterExpression, spec: ParameterSpec, checker: TypeChecker) {
        switch expression {
        case .literal:
            break
        case .template(let template, _, _):
            do {
                let type = try checker.check(template)
                guard TypeChecker.accepts(spec.valueType, type) else {
                    sink.error(
                        .expressionType, at: expression.location,
                        "'\(spec.name)' must be \(spec.kindDescription), but this expression is a \(type)")
                    return
                }
            } catch {
                sink.error(error.code, at: expression.location(ofOffset: error.offset), error.message, hint: error.hint)
            }
        case .list(let elements, _):
            for element in elements { check(element, spec: ParameterSpec(spec.name, .string, ""), checker: checker) }
        case .object(let fields, _):
            for field in fields.values { check(field, spec: ParameterSpec(spec.name, .string, ""), checker: checker) }
        }
    }

    static let fileItemType: ValueType = {
        var fields: [String: ValueType] = [:]
        for name in ["path", "name", "stem", "extension"] { fields[name] = ValueType.string }
        fields["index"] = ValueType.number
        fields["source"] = ValueType.file
        fields["matrix"] = ValueType.object([:], open: false)
        return ValueType.object(fields, open: false)
    }()

    static func itemType(of source: InputSource) -> ValueType {
        switch source {
        case .glob, .files: return fileItemType
        case .values(let values):
            return commonType(of: values)
        }
    }

    /// The one type all values share, or `any`.
    static func commonType(of values: [Value]) -> ValueType {
        var common: ValueType?
        for value in values {
            let type = ValueType(of: value)
            common = common.map { $0.union(type) } ?? type
        }
        return common ?? .any
    }
}
