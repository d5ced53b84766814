import Foundation

/// Expands a validated pipeline into its full task graph: every item × matrix cell, resolved
/// parameters, task-to-task edges, planned output paths, cache keys and credits.
struct Planner {
    let pipeline: Pipeline
    let analyses: [PipelineValidator.StageAnalysis]
    let options: PlanOptions
    var sink = DiagnosticSink()

    private var tasks: [PlannedTask] = []
    private var itemKeys: [String] = []
    private var tasksByStage: [String: [Int]] = [:]
    private var producerByPath: [String: Int] = [:]
    private var indexByID: [String: Int] = [:]
    private var checkedFiles: [String: String?] = [:]
    private var existingFiles: [String: Bool] = [:]
    private var defaults: [String: ParameterExpression] = [:]

    init(pipeline: Pipeline, analyses: [PipelineValidator.StageAnalysis], options: PlanOptions) {
        self.pipeline = pipeline
        self.analyses = analyses
        self.options = options
    }

    mutating func plan() -> Plan {
        let inputs = expandInputs()
        var inputFields: [String: Value] = [:]
        for (name, items) in inputs { inputFields[name] = .list(items) }
        let inputsValue = Value.object(inputFields)
        let environmentValue = Value.object(options.environment.mapValues(Value.string))
        let runValue = Self.runValue(id: options.runID, date: options.runDate)

        var summaries: [Plan.StageSummary] = []
        for analysis in analyses {
            let stage = analysis.stage
            let sources = items(for: stage, inputs: inputs)
            let cells = stage.matrix?.combinations ?? [[:]]
            let stageDependencies = stage.needs.flatMap { tasksByStage[$0.name] ?? [] }.map { tasks[$0].id }
            var indices: [Int] = []
            var credits = 0
            for source in sources {
                for cell in cells {
                    var matrix = source.matrix
                    for (key, value) in cell { matrix[key] = value }
                    let id = Self.taskID(stage: stage.name, item: source.key.isEmpty ? nil : source.key, matrix: matrix)
                    var scope: [String: Value] = [
                        "inputs": inputsValue, "matrix": .object(matrix), "env": environmentValue, "run": runValue,
                    ]
                    if let item = source.value { scope["item"] = item }
                    let evaluator = ExpressionEvaluator(scope: scope)
                    if let condition = stage.condition, !include(condition, evaluator: evaluator, task: id) { continue }
                    guard let parameters = resolveParameters(stage, evaluator: evaluator, task: id) else { continue }
                    var task = PlannedTask(
                        id: id, stage: stage.name, typeName: stage.type.name, item: source.value, matrix: matrix,
                        parameters: parameters, dependencies: [], cacheKey: "",
                        credits: stage.type.credits(for: parameters), outputPath: nil, produced: .null)
                    if let producer = source.producer { task.dependencies.append(tasks[producer].id) }
                    task.dependencies.append(contentsOf: stageDependencies)
                    task.outputPath = plannedPath(stage, task: task, stem: source.stem)
                    task.produced = produced(stage, task: task, item: source.value, stem: source.stem)
                    if options.computeCacheKeys {
                        (task.cacheKey, task.inputsDigest, task.parametersDigest) = cacheKey(stage, task: task)
                    }
                    let position = tasks.count
                    if let path = task.outputPath { register(path, task: position, stage: stage, newTask: task) }
                    indexByID[task.id] = position
                    tasks.append(task)
                    itemKeys.append(source.key)
                    indices.append(position)
                    credits += task.credits
                }
            }
            tasksByStage[stage.name] = indices
            summaries.append(
                Plan.StageSummary(
                    name: stage.name, typeName: stage.type.name, taskIDs: indices.map { tasks[$0].id }, credits: credits,
                    dependencies: analysis.dependencies))
        }
        return Plan(
            pipeline: pipeline, tasks: tasks, stages: summaries,
            scope: ["inputs": inputsValue, "env": environmentValue, "run": runValue])
    }

    // MARK: - Items

    private struct Source {
        var key: String
        var value: Value?
        var producer: Int?
        var matrix: [String: Value]
        var stem: String
    }

    private mutating func items(for stage: Stage, inputs: [String: [Value]]) -> [Source] {
        switch stage.forEach {
        case nil:
            return [Source(key: "", value: nil, producer: nil, matrix: [:], stem: stage.name)]
        case .input(let name, _):
            return (inputs[name] ?? []).map(Self.source(of:))
        case .glob(let pattern, let location):
            return globFiles(pattern, exclude: [], location: location).map(Self.source(of:))
        case .list(let values, _):
            return values.map(Self.source(of:))
        case .stage(let name, _):
            return (tasksByStage[name] ?? []).map { index in
                let task = tasks[index]
                let stem = task.produced["stem"]?.stringValue ?? itemKeys[index]
                return Source(key: itemKeys[index], value: task.produced, producer: index, matrix: task.matrix, stem: stem)
            }
        }
    }

    private static func source(of item: Value) -> Source {
        let key = item["path"]?.stringValue ?? item["value"]?.display ?? item.display
        return Source(key: key, value: item, producer: nil, matrix: [:], stem: item["stem"]?.stringValue ?? key)
    }

    private mutating func expandInputs() -> [String: [Value]] {
        var result: [String: [Value]] = [:]
        for input in pipeline.inputs {
            switch input.source {
            case .glob(let pattern, let exclude, let location):
                result[input.name] = globFiles(pattern, exclude: exclude, location: location)
            case .files(let files):
                var items: [Value] = []
                for (index, file) in files.enumerated() {
                    let absolute = PathText.join(pipeline.baseDirectory, file.path)
                    var isDirectory: ObjCBool = false
                    if !FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) || isDirectory.boolValue {
                        sink.error(.invalidValue, at: file.location, "file '\(file.path)' does not exist",
                                   hint: "paths are relative to the pipeline file's folder")
                    }
                    items.append(Self.fileItem(file.path, index: index))
                }
                result[input.name] = items
            case .values(let values):
                result[input.name] = values
            }
        }
        return result
    }

    private mutating func globFiles(_ pattern: String, exclude: [String], location: SourceLocation) -> [Value] {
        let excluded = exclude.map(Glob.init)
        let matches = Glob(pattern).files(in: pipeline.baseDirectory).filter { path in !excluded.contains { $0.matches(path) } }
        if matches.isEmpty {
            sink.warning(.emptyInput, at: location, "'\(pattern)' matches no files",
                         hint: "patterns are relative to the pipeline file's folder (\(pipeline.baseDirectory))")
        }
        return matches.enumerated().map { Self.fileItem($1, index: $0) }
    }

    static func fileItem(_ path: String, index: Int) -> Value {
        let file: [String: Value] = [
            "path": .string(path), "name": .string(PathText.basename(path)), "stem": .string(PathText.stem(path)),
            "extension": .string(PathText.extension(path)),
        ]
        var item = file
        item["index"] = .number(Double(index))
        item["source"] = .object(file)
        item["matrix"] = .object([:])
        return .object(item)
    }

    // MARK: - Parameters

    private mutating func include(_ condition: (template: Template, location: SourceLocation), evaluator: ExpressionEvaluator, task: String) -> Bool {
        do {
            let value = try evaluator.evaluate(condition.template)
            switch value {
            case .bool(let flag): return flag
            case .deferred:
                sink.error(.expressionType, at: condition.location, "'if' cannot depend on outputs known only at run time",
                           hint: "the plan is static: use item fields from inputs, matrix values or env")
                return false
            default:
                sink.error(.expressionType, at: condition.location, "'if' evaluated to \(value.display) for \(task), not a boolean")
                return false
            }
        } catch {
            sink.error(error.code, at: condition.location.advanced(by: error.offset), "\(task): \(error.message)", hint: error.hint)
            return false
        }
    }

    private mutating func resolveParameters(_ stage: Stage, evaluator: ExpressionEvaluator, task: String) -> [String: Value]? {
        var resolved: [String: Value] = [:]
        var templated: Set<String> = []
        var failed = false
        for spec in stage.type.parameters {
            guard let expression = stage.parameters[spec.name] ?? defaultExpression(spec, stage: stage) else { continue }
            let value: Value
            do {
                value = try expression.evaluate(with: evaluator)
            } catch {
                sink.error(error.code, at: expression.location(ofOffset: error.offset), "\(task): \(error.message)", hint: error.hint)
                failed = true
                continue
            }
            if expression.hasExpressions { templated.insert(spec.name) }
            if value.isDeferred {
                resolved[spec.name] = value
                continue
            }
            switch spec.check(value) {
            case .success(let checked):
                resolved[spec.name] = checked
                if case .file = spec.kind, case .string(let path) = checked, !sourceFileExists(path) {
                    sink.error(.invalidValue, at: expression.location, "\(task): '\(spec.name)' names '\(path)', which does not exist",
                               hint: "paths are relative to the pipeline file's folder")
                    failed = true
                }
                if case .outputPath = spec.kind, let problem = OutputPathRules.problem(in: expression, evaluator: evaluator, resolved: checked) {
                    sink.error(.unsafePath, at: expression.location, "\(task): \(problem.message)", hint: problem.hint)
                    failed = true
                }
            case .failure(let problem):
                if expression.hasExpressions || stage.parameters[spec.name] == nil {
                    sink.error(problem.code, at: expression.location, "\(task): \(problem.message)", hint: problem.hint)
                }
                failed = true
            }
        }
        guard !failed else { return nil }
        for (name, problem) in stage.type.problems(in: resolved.filter { !$0.value.isDeferred }) where templated.contains(name) || stage.type.parameters.contains(where: { templated.contains($0.name) }) {
            let location = stage.parameters[name]?.location ?? stage.location
            sink.error(problem.code, at: location, "\(task): \(problem.message)", hint: problem.hint)
            failed = true
        }
        return failed ? nil : resolved
    }

    /// A parameter's default as an expression, parsed once per stage.
    private mutating func defaultExpression(_ spec: ParameterSpec, stage: Stage) -> ParameterExpression? {
        guard let fallback = spec.defaultValue else { return nil }
        let key = stage.name + "\u{0}" + spec.name
        if let parsed = defaults[key] { return parsed }
        let expression: ParameterExpression
        if fallback.contains("${{"), let template = try? Template.parse(fallback) {
            expression = .template(template, location: stage.location, exact: false)
        } else {
            expression = .literal(.string(fallback), location: stage.location)
        }
        defaults[key] = expression
        return expression
    }

    /// Whether a file parameter names something that exists or will exist: a URL, an upstream
    /// task's planned output, or a readable file.
    private mutating func sourceFileExists(_ path: String) -> Bool {
        if path.hasPrefix("http://") || path.hasPrefix("https://") || path.hasPrefix("api-assets/") { return true }
        if producerByPath[PathText.normalized(path) ?? path] != nil { return true }
        let absolute = path.hasPrefix("/") ? path : PathText.join(pipeline.baseDirectory, path)
        if let known = existingFiles[absolute] { return known }
        var info = stat()
        let exists = stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
        existingFiles[absolute] = exists
        return exists
    }

    // MARK: - Outputs

    private func plannedPath(_ stage: Stage, task: PlannedTask, stem: String) -> String? {
        let naming = OutputNaming(
            stageName: stage.name, taskTag: StableTag.of(task.id), stem: FileNameText.safe(stem),
            matrix: task.matrix.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) },
            parameters: task.parameters, settings: pipeline.settings)
        return stage.type.plannedOutputPath(naming).flatMap(PathText.normalized)
    }

    private func produced(_ stage: Stage, task: PlannedTask, item: Value?, stem: String) -> Value {
        var fields: [String: Value] = [:]
        switch item {
        case .object(let itemFields)?:
            for key in ["stem", "name", "extension", "index", "source", "path"] { fields[key] = itemFields[key] }
        case let value?:
            let text = value.interpolated ?? value.display
            fields["stem"] = .string(text)
            fields["name"] = .string(text)
            fields["extension"] = .string("")
            fields["source"] = value
        case nil:
            fields["stem"] = .string(stem)
            fields["name"] = .string(stem)
            fields["extension"] = .string("")
        }
        fields["matrix"] = .object(task.matrix)
        for output in stage.type.outputs {
            if output.knownAtPlan, output.name == "path", let path = task.outputPath {
                fields["path"] = .string(path)
            } else if output.knownAtPlan, output.name == "format", let path = task.outputPath {
                fields["format"] = .string(PathText.extension(path))
            } else {
                fields[output.name] = .deferred(DeferredValue(producer: task.id, field: output.name))
            }
        }
        return .object(fields)
    }

    private mutating func register(_ path: String, task position: Int, stage: Stage, newTask: PlannedTask) {
        if let other = producerByPath[path] {
            let location = stage.parameters["to"]?.location ?? stage.location
            sink.error(.outputCollision, at: location,
                       "tasks '\(tasks[other].id)' and '\(newTask.id)' would both write '\(path)'",
                       hint: "make the name unique, e.g. add ${{ item.stem }} or ${{ item.matrix.NAME }}")
        } else {
            producerByPath[path] = position
        }
    }

    // MARK: - Cache keys

    /// The task's cache key, and the digests of its inputs and of its other parameters.
    private mutating func cacheKey(_ stage: Stage, task: PlannedTask) -> (key: String, inputs: String, parameters: String) {
        var parameters: [String: Value] = [:]
        var inputs: [String: Value] = [:]
        var others: [String: Value] = ["$stage_type": .string(stage.type.name), "$version": .number(Double(stage.type.version))]
        for spec in stage.type.parameters where spec.affectsResult {
            guard let value = task.parameters[spec.name] else { continue }
            let keyed = keyValue(value, spec: spec, stage: stage)
            parameters[spec.name] = keyed
            if case .file = spec.kind { inputs[spec.name] = keyed } else if value.isDeferred { inputs[spec.name] = keyed } else { others[spec.name] = keyed }
        }
        let inputsDigest = FileDigester.sha256(of: Value.object(inputs).canonicalJSON)
        let parametersDigest = FileDigester.sha256(of: Value.object(others).canonicalJSON)
        var material = "{\"parameters\":"
        Value.object(parameters).writeCanonicalJSON(into: &material)
        material += ",\"stage_type\":"
        Value.appendJSONQuoted(stage.type.name, to: &material)
        material += ",\"version\":\(stage.type.version)}"
        return (FileDigester.sha256(of: material), inputsDigest, parametersDigest)
    }

    /// What of a parameter value enters the cache key: files by content or by their producer's key.
    private mutating func keyValue(_ value: Value, spec: ParameterSpec, stage: Stage) -> Value {
        switch value {
        case .deferred(let deferred):
            let producerKey = indexByID[deferred.producer].map { tasks[$0].cacheKey } ?? deferred.producer
            return .object(["from": .string(producerKey), "field": .string(deferred.field)])
        case .string(let text):
            guard case .file = spec.kind else { return value }
            if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("api-assets/") {
                return .object(["url": .string(text)])
            }
            let normalized = PathText.normalized(text) ?? text
            if let producer = producerByPath[normalized] {
                return .object(["from": .string(tasks[producer].cacheKey), "field": .string("path")])
            }
            let absolute = text.hasPrefix("/") ? text : PathText.join(pipeline.baseDirectory, text)
            if let cached = checkedFiles[absolute] { return .object(["sha256": .string(cached ?? "missing")]) }
            do {
                let digest = try options.digest(absolute)
                checkedFiles[absolute] = digest
                return .object(["sha256": .string(digest)])
            } catch {
                checkedFiles[absolute] = .some(nil)
                sink.error(.invalidValue, at: stage.parameters[spec.name]?.location ?? stage.location,
                           "'\(spec.name)' names '\(text)', which cannot be read",
                           hint: "paths are relative to the pipeline file's folder")
                return .object(["sha256": .string("missing")])
            }
        default:
            return value
        }
    }

    // MARK: - Helpers

    static func taskID(stage: String, item: String?, matrix: [String: Value]) -> String {
        var id = stage
        if let item { id += "[\(item)]" }
        if !matrix.isEmpty {
            id += "{" + matrix.keys.sorted().map { "\($0)=\(matrix[$0]!.display)" }.joined(separator: ",") + "}"
        }
        return id
    }

    static func runValue(id: String, date: Date) -> Value {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate]
        let day = formatter.string(from: date)
        formatter.formatOptions = [.withTime, .withColonSeparatorInTime]
        let time = formatter.string(from: date).replacingOccurrences(of: ":", with: "")
        return .object(["id": .string(id), "date": .string(day), "time": .string(time)])
    }
}
