import MagicHourRules

/// Builds a JSON Schema (draft-07) of the pipeline language from the same tables the
/// validator reads, so editors (yaml-language-server) autocomplete and check files.
public struct JSONSchemaGenerator: Sendable {
    public var registry: StageTypeRegistry

    public init(registry: StageTypeRegistry = .builtIn) {
        self.registry = registry
    }

    public func schema() -> Value {
        let namePattern = Value.string("^[A-Za-z][A-Za-z0-9_-]{0,63}$")
        let expression: Value = .object(["type": "string", "pattern": .string("\\$\\{\\{[\\s\\S]*\\}\\}")])
        let duration: Value = .object([
            "oneOf": .list([
                .object(["type": "number", "exclusiveMinimum": .number(0)]),
                .object(["type": "string", "pattern": .string("^\\s*(([0-9]+(\\.[0-9]+)?)(ms|s|m|h|d))+\\s*$")]),
            ])
        ])
        let definitions: [String: Value] = [
            "expression": expression,
            "duration": duration,
            "stage": stageSchema(),
            "input": inputSchema(),
        ]
        return .object([
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "https://github.com/pipeline/pipeline/schema/pipeline-v1.json",
            "title": "pipeline file (version 1)",
            "description": "A video-generation pipeline run by `pipeline run FILE`.",
            "type": "object",
            "required": .list(["version", "stages"]),
            "additionalProperties": .bool(false),
            "patternProperties": .object(["^x-": .object([:])]),
            "properties": .object([
                "version": .object([
                    "const": .number(1), "description": .string(summary(LanguageKeys.topLevel, "version")),
                ]),
                "name": .object([
                    "type": "string", "pattern": namePattern,
                    "description": .string(summary(LanguageKeys.topLevel, "name")),
                ]),
                "description": .object(["type": "string"]),
                "schedule": closedObject(
                    LanguageKeys.schedule, required: ["cron"],
                    properties: [
                        "cron": .object(["type": "string", "minLength": .number(1)]),
                        "overlap": .object(["enum": .list(Schedule.OverlapPolicy.allCases.map { .string($0.rawValue) })]
                        ),
                        "wait_timeout": ref("duration"),
                    ]),
                "settings": closedObject(
                    LanguageKeys.settings,
                    properties: [
                        "output_dir": .object(["type": "string", "minLength": .number(1)]),
                        "max_parallel": bounded(LanguageLimits.maxParallel),
                        "budget_credits": .object(["type": "integer", "minimum": .number(0)]),
                        "budget": closedObject(
                            LanguageKeys.budget,
                            properties: [
                                "daily": .object(["type": "integer", "minimum": .number(0)]),
                                "monthly": .object(["type": "integer", "minimum": .number(0)]),
                                "account": closedObject(
                                    LanguageKeys.accountBudget,
                                    properties: [
                                        "daily": .object(["type": "integer", "minimum": .number(0)]),
                                        "monthly": .object(["type": "integer", "minimum": .number(0)]),
                                    ]),
                            ]),
                        "max_parallel_creates": .object([
                            "type": "integer", "minimum": .number(1), "maximum": .number(1000),
                        ]),
                        "state": .object(["type": "string", "minLength": .number(1)]),
                        "env_file": .object(["type": "string", "minLength": .number(1)]),
                        "max_tasks": .object(["type": "integer", "minimum": .number(1)]),
                        "tier": .object(["enum": .list(AccountTier.allCases.map { .string($0.rawValue) })]),
                        "prices": PriceSchema.schema(),
                        "secrets": .object([
                            "type": "array",
                            "items": .object(["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"]),
                        ]),
                    ]),
                "inputs": .object([
                    "type": "object",
                    "propertyNames": .object(["pattern": namePattern]),
                    "additionalProperties": ref("input"),
                ]),
                "stages": .object([
                    "type": "object",
                    "minProperties": .number(1),
                    "propertyNames": .object(["pattern": namePattern]),
                    "additionalProperties": ref("stage"),
                ]),
            ]),
            "definitions": .object(definitions),
        ])
    }

    private func inputSchema() -> Value {
        let strings: Value = .object(["type": "string", "minLength": .number(1)])
        return .object([
            "oneOf": .list([
                .object(["type": "array"]),
                closedObject(
                    LanguageKeys.input, required: ["glob"],
                    properties: [
                        "glob": strings,
                        "exclude": .object(["anyOf": .list([strings, .object(["type": "array", "items": strings])])]),
                        "if_empty": .object(["enum": .list(EmptyInputPolicy.allCases.map { .string($0.rawValue) })]),
                    ], forbidden: ["files", "values"]),
                closedObject(
                    LanguageKeys.input, required: ["files"],
                    properties: [
                        "files": .object(["type": "array", "items": strings])
                    ], forbidden: ["glob", "values", "exclude", "if_empty"]),
                closedObject(
                    LanguageKeys.input, required: ["values"],
                    properties: [
                        "values": .object(["type": "array"])
                    ], forbidden: ["glob", "files", "exclude", "if_empty"]),
            ])
        ])
    }

    private func stageSchema() -> Value {
        let scalar: Value = .object(["type": .list(["string", "number", "boolean"])])
        let combination: Value = .object([
            "type": "object", "additionalProperties": scalar, "minProperties": .number(1),
        ])
        var properties: [String: Value] = [
            "uses": .object(["enum": .list(registry.types.map { .string($0.name) })]),
            "with": .object(["type": "object"]),
            "needs": .object([
                "anyOf": .list([
                    .object(["type": "string"]), .object(["type": "array", "items": .object(["type": "string"])]),
                ])
            ]),
            "for_each": .object([
                "anyOf": .list([
                    .object([
                        "type": "string",
                        "pattern": .string("^\\s*\\$\\{\\{\\s*(inputs|stages)\\.[A-Za-z][A-Za-z0-9_-]*\\s*\\}\\}\\s*$"),
                    ]),
                    .object(["type": "array"]),
                    .object([
                        "type": "object", "required": .list(["glob"]), "additionalProperties": .bool(false),
                        "properties": .object(["glob": .object(["type": "string"])]),
                    ]),
                ])
            ]),
            "matrix": .object([
                "type": "object", "minProperties": .number(1),
                "properties": .object([
                    "include": .object(["type": "array", "items": combination]),
                    "exclude": .object(["type": "array", "items": combination]),
                ]),
                "additionalProperties": .object(["type": "array", "minItems": .number(1), "items": scalar]),
            ]),
            "retry": .object([
                "anyOf": .list([
                    bounded(LanguageLimits.retryAttempts),
                    closedObject(
                        LanguageKeys.retry,
                        properties: [
                            "attempts": bounded(LanguageLimits.retryAttempts),
                            "backoff": ref("duration"),
                        ]),
                ])
            ]),
            "timeout": ref("duration"),
            "if": .object(["type": .list(["string", "boolean"])]),
            "max_parallel": bounded(LanguageLimits.maxParallel),
            "description": .object(["type": "string"]),
        ]
        for (key, summary) in LanguageKeys.stage {
            if case .object(var fields)? = properties[key] {
                fields["description"] = .string(summary)
                properties[key] = .object(fields)
            }
        }
        let perType: [Value] = registry.types.map { type in
            var withProperties: [String: Value] = [:]
            for parameter in type.parameters {
                var schema = parameterSchema(parameter)
                if case .object(var fields) = schema {
                    fields["description"] = .string(parameter.summary)
                    schema = .object(fields)
                }
                withProperties[parameter.name] = schema
            }
            let required = type.parameters.filter { $0.isRequired }.map { Value.string($0.name) }
            var withSchema: [String: Value] = [
                "type": "object", "additionalProperties": .bool(false), "properties": .object(withProperties),
                "required": .list(required),
            ]
            if type.name == StageType.imageToVideo.name {
                withSchema["allOf"] = .list(ImageToVideoSchema.modelRules(expression: ref("expression")))
            }
            var then: [String: Value] = ["properties": .object(["with": .object(withSchema)])]
            if !required.isEmpty { then["required"] = .list(["with"]) }
            return .object([
                "if": .object([
                    "properties": .object(["uses": .object(["const": .string(type.name)])]),
                    "required": .list(["uses"]),
                ]),
                "then": .object(then),
            ])
        }
        return .object([
            "type": "object",
            "required": .list(["uses"]),
            "additionalProperties": .bool(false),
            "patternProperties": .object(["^x-": .object([:])]),
            "properties": .object(properties),
            "allOf": .list(perType),
        ])
    }

    private func parameterSchema(_ parameter: ParameterSpec) -> Value {
        let typed: Value
        switch parameter.kind {
        case .string: typed = .object(["type": "string"])
        case .integer(let range):
            typed = .object([
                "type": "integer", "minimum": .number(Double(range.lowerBound)),
                "maximum": .number(Double(range.upperBound)),
            ])
        case .number(let range):
            typed = .object([
                "type": "number", "minimum": .number(range.lowerBound), "maximum": .number(range.upperBound),
            ])
        case .boolean: typed = .object(["type": "boolean"])
        case .enumeration(let values): typed = .object(["enum": .list(values.map(Value.string))])
        case .file, .outputPath: typed = .object(["type": "string", "minLength": .number(1)])
        }
        return .object(["anyOf": .list([typed, ref("expression")])])
    }

    private func ref(_ name: String) -> Value {
        .object(["$ref": .string("#/definitions/\(name)")])
    }

    private func summary(_ table: [(key: String, summary: String)], _ key: String) -> String {
        table.first { $0.key == key }?.summary ?? ""
    }

    /// An integer within one of ``LanguageLimits``' ranges.
    private func bounded(_ range: ClosedRange<Int>) -> Value {
        .object([
            "type": "integer", "minimum": .number(Double(range.lowerBound)),
            "maximum": .number(Double(range.upperBound)),
        ])
    }

    private func closedObject(
        _ table: [(key: String, summary: String)], required: [String] = [], properties: [String: Value],
        forbidden: [String] = []
    ) -> Value {
        var described: [String: Value] = [:]
        for (key, schema) in properties {
            if case .object(var fields) = schema {
                fields["description"] = .string(summary(table, key))
                described[key] = .object(fields)
            } else {
                described[key] = schema
            }
        }
        var object: [String: Value] = [
            "type": "object", "additionalProperties": .bool(false), "properties": .object(described),
            "patternProperties": .object(["^x-": .object([:])]),
        ]
        if !required.isEmpty { object["required"] = .list(required.map(Value.string)) }
        if !forbidden.isEmpty {
            object["not"] = .object(["anyOf": .list(forbidden.map { .object(["required": .list([.string($0)])]) })])
        }
        return .object(object)
    }
}

extension Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
