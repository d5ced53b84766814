extension Plan {
    /// A task's parameters with every deferred value filled in from its upstream tasks' outputs,
    /// evaluated as the file wrote them and checked against the stage type again.
    ///
    /// - Parameter outputs: the outputs of a finished task by task id.
    public func resolvedParameters(
        of task: PlannedTask, outputs: (String) -> [String: Value]?
    ) throws(ParameterResolutionError) -> [String: Value] {
        let parameters = task.parameters.dictionary
        guard task.parameters.hasDeferred else { return parameters }
        guard let stage = pipeline.stage(named: task.stage) else {
            throw ParameterResolutionError(task: task.id, message: "stage '\(task.stage)' is not in the pipeline")
        }
        var scope = self.scope
        scope["matrix"] = .object(task.matrix)
        if let item = task.item { scope["item"] = try Self.fill(item, task: task.id, outputs: outputs) }
        let evaluator = ExpressionEvaluator(scope: scope)
        var resolved = parameters
        for (name, value) in parameters where value.isDeferred {
            guard let spec = stage.type.parameter(named: name) else { continue }
            let expression: ParameterExpression
            if let given = stage.parameters[name] {
                expression = given
            } else if let fallback = spec.defaultValue, let template = try? Template.parse(fallback) {
                expression = .template(template, location: stage.location, exact: false)
            } else {
                resolved[name] = try Self.fill(value, task: task.id, outputs: outputs)
                continue
            }
            let evaluated: Value
            do {
                evaluated = try expression.evaluate(with: evaluator)
            } catch {
                throw ParameterResolutionError(task: task.id, message: "'\(name)': \(error.message)")
            }
            if evaluated.isDeferred {
                throw ParameterResolutionError(
                    task: task.id, message: "'\(name)' needs an upstream output that was not produced")
            }
            switch spec.check(evaluated) {
            case .success(let checked): resolved[name] = checked
            case .failure(let problem): throw ParameterResolutionError(task: task.id, message: problem.message)
            }
        }
        return resolved
    }

    private static func fill(
        _ value: Value, task: String, outputs: (String) -> [String: Value]?
    ) throws(ParameterResolutionError) -> Value {
        switch value {
        case .deferred(let deferred):
            guard let produced = outputs(deferred.producer)?[deferred.field] else {
                throw ParameterResolutionError(
                    task: task, message: "'\(deferred.producer)' did not produce '\(deferred.field)'")
            }
            return produced
        case .list(let values):
            var filled: [Value] = []
            for element in values { filled.append(try fill(element, task: task, outputs: outputs)) }
            return .list(filled)
        case .object(let fields):
            guard value.isDeferred else { return value }
            var filled: [String: Value] = [:]
            for (key, field) in fields { filled[key] = try fill(field, task: task, outputs: outputs) }
            return .object(filled)
        default:
            return value
        }
    }
}

/// A deferred parameter could not be completed from upstream outputs.
public struct ParameterResolutionError: Error, Sendable, CustomStringConvertible {
    public var task: String
    public var message: String

    public var description: String { "\(task): \(message)" }
}

extension Plan {
    /// Local files the plan reads that no task produces (the inputs whose content keys the cache),
    /// as absolute paths.
    public var sourceFiles: [String] {
        var produced: Set<String> = []
        for task in tasks { if let path = task.outputPath { produced.insert(path) } }
        var files: Set<String> = []
        for task in tasks {
            guard let type = StageTypeRegistry.builtIn[task.typeName] else { continue }
            for spec in type.parameters {
                guard case .file = spec.kind, case .string(let path)? = task.parameters[spec.name] else { continue }
                if PathText.isRemote(path) { continue }
                if produced.contains(PathText.normalized(path) ?? path) { continue }
                files.insert(PathText.resolve(path, against: pipeline.baseDirectory))
            }
        }
        return files.sorted()
    }
}
