import Foundation

/// Checks a JSON value against the subset of OpenAPI 3.0 schema keywords the vendor's file uses
/// for our operations: type, nullable, enum, required, properties (unknown keys are reported),
/// items, minItems, minimum, maximum, minLength, pattern, format date-time/uri.
struct SchemaValidator {
    let document: JSON

    /// Loads `../shared/magic-hour-openapi.json` beside the repository.
    static func load(filePath: String = #filePath) throws -> SchemaValidator {
        var url = URL(fileURLWithPath: filePath)
        // …/main/Tests/MagicHourTests/Support/SchemaValidator.swift → …/shared
        for _ in 0..<5 { url.deleteLastPathComponent() }
        let spec = url.appendingPathComponent("shared/magic-hour-openapi.json")
        return SchemaValidator(document: try JSON.parse(try Data(contentsOf: spec)))
    }

    func operation(_ path: String, _ method: String) -> JSON? {
        document["paths"]?[path]?[method]
    }

    func requestSchema(_ path: String, _ method: String) -> JSON? {
        operation(path, method)?["requestBody"]?["content"]?["application/json"]?["schema"]
    }

    /// The schema of a documented response; `.object([:])` for one without a body; `nil` when
    /// the status is not documented.
    func responseSchema(_ path: String, _ method: String, status: Int) -> JSON? {
        guard let response = operation(path, method)?["responses"]?["\(status)"] else { return nil }
        return response["content"]?["application/json"]?["schema"] ?? .object([:])
    }

    /// Problems of `value` against `schema`; empty when it conforms.
    func problems(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.string { return problems(value, resolve(ref), at: path) }
        if value == .null {
            return schema["nullable"] == .bool(true) || schema == .object([:]) ? [] : ["\(path): null not allowed"]
        }
        var found: [String] = []
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            found.append("\(path): \(value) not in enum")
        }
        switch schema["type"]?.string {
        case "object":
            guard case .object(let object) = value else { return ["\(path): not an object"] }
            if case .array(let required)? = schema["required"] {
                for key in required.compactMap(\.string) where object[key] == nil {
                    found.append("\(path).\(key): required but missing")
                }
            }
            for (key, item) in object {
                guard let property = schema["properties"]?[key] else {
                    found.append("\(path).\(key): not in the schema")
                    continue
                }
                found += problems(item, property, at: "\(path).\(key)")
            }
        case "array":
            guard case .array(let array) = value else { return ["\(path): not an array"] }
            if case .number(let minimum)? = schema["minItems"], Double(array.count) < minimum {
                found.append("\(path): too few items")
            }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
            }
        case "string":
            guard case .string(let string) = value else { return ["\(path): not a string"] }
            if case .number(let minimum)? = schema["minLength"], Double(string.count) < minimum {
                found.append("\(path): too short")
            }
            if let pattern = schema["pattern"]?.string, string.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): does not match \(pattern)")
            }
            if schema["format"]?.string == "date-time",
                (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(string)) == nil,
                (try? Date.ISO8601FormatStyle().parse(string)) == nil
            {
                found.append("\(path): not a date-time")
            }
            if schema["format"]?.string == "uri", URL(string: string)?.scheme == nil {
                found.append("\(path): not a uri")
            }
        case "number", "integer":
            guard case .number(let number) = value else { return ["\(path): not a number"] }
            if schema["type"]?.string == "integer", number.rounded() != number {
                found.append("\(path): not an integer")
            }
            if case .number(let minimum)? = schema["minimum"], number < minimum {
                found.append("\(path): below minimum")
            }
            if case .number(let maximum)? = schema["maximum"], number > maximum {
                found.append("\(path): above maximum")
            }
        case "boolean":
            guard case .bool = value else { return ["\(path): not a boolean"] }
        default:
            break
        }
        return found
    }

    /// Problems of a JSON body.
    func problems(json data: Data, _ schema: JSON) -> [String] {
        guard let value = try? JSON.parse(data) else { return ["$: not JSON"] }
        return problems(value, schema)
    }

    private func resolve(_ ref: String) -> JSON {
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }
}
