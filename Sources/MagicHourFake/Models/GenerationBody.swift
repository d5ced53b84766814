import MagicHourRules

/// A `POST /v1/<endpoint>` body read through its `EndpointCatalog` entry: each field's value at
/// its body path (a list field from a one-element array), by stage parameter name.
///
/// A missing required field, a value of the wrong JSON type or outside its field's kind
/// (`EndpointRules.check`), a missing required object or fixed field answers 400 naming the body
/// path; a broken rule (`EndpointRules.violations`) and an unsupported fixed value (a `youtube`
/// source) answer 422. Files are checked by ``FakeAccount`` (they must have been uploaded).
struct GenerationBody: Sendable {
    var endpoint: GenerationEndpoint
    var name: String?
    /// The values, by stage parameter (file fields as `.text` paths or URLs).
    var values: [String: EndpointValue]

    init(_ body: [String: JSONValue], endpoint: GenerationEndpoint, tier: AccountTier) throws(ValidationFailure) {
        self.endpoint = endpoint
        if let name = body["name"] {
            guard case .string(let text) = name else { throw .badRequest("name must be a string") }
            self.name = text
        }
        for object in endpoint.requiredObjects {
            guard case .object? = body[object] else { throw .badRequest("\(object) is required and must be an object") }
        }
        var values: [String: EndpointValue] = [:]
        for field in endpoint.fields {
            guard let value = try Self.value(of: field, in: body) else { continue }
            if let problem = EndpointRules.check(field, value) {
                throw .badRequest("\(field.dottedPath): \(problem)")
            }
            values[field.parameter] = value
        }
        self.values = values
        for fixed in endpoint.fixed {
            try Self.checkFixed(fixed, in: body, given: values)
        }
        if let violation = EndpointRules.violations(endpoint, values, tier: tier).first {
            let path = endpoint.field(violation.parameter)?.dottedPath ?? violation.parameter
            throw .unprocessable("\(path): \(violation.message)")
        }
    }

    /// The file fields given, with their paths or URLs.
    var files: [(field: EndpointField, path: String)] {
        endpoint.fields.compactMap { field in
            guard field.media != nil, let path = values[field.parameter]?.text else { return nil }
            return (field, path)
        }
    }

    /// The JSON at `path`, `nil` when absent or null; 400 when a parent is not an object.
    private static func lookup(_ path: [String], in body: [String: JSONValue]) throws(ValidationFailure) -> JSONValue? {
        var object = body
        for (index, key) in path.enumerated() {
            guard let value = object[key] else { return nil }
            if index == path.count - 1 { return value == .null ? nil : value }
            switch value {
            case .object(let inner): object = inner
            case .null: return nil
            default: throw .badRequest("\(path[...index].joined(separator: ".")) must be an object")
            }
        }
        return nil
    }

    private static func value(
        of field: EndpointField, in body: [String: JSONValue]
    ) throws(ValidationFailure)
        -> EndpointValue?
    {
        let path = field.dottedPath
        guard var json = try lookup(field.path, in: body) else {
            if field.isRequired { throw .badRequest("\(path) is required") }
            return nil
        }
        if field.isList {
            guard case .array(let items) = json else { throw .badRequest("\(path) must be an array") }
            guard let first = items.first else {
                if field.isRequired { throw .badRequest("\(path) must not be empty") }
                return nil
            }
            json = first
        }
        switch json {
        case .string(let text): return .text(text)
        case .number(let number): return .number(number)
        case .bool(let on): return .bool(on)
        default: throw .badRequest("\(path) must not be \(json.typeName == "object" ? "an" : "a") \(json.typeName)")
        }
    }

    private static func checkFixed(
        _ fixed: FixedField, in body: [String: JSONValue], given values: [String: EndpointValue]
    ) throws(ValidationFailure) {
        let path = fixed.path.joined(separator: ".")
        guard let expected = fixed.value(given: { values[$0] != nil }) else { return }
        guard let json = try lookup(fixed.path, in: body) else { throw .badRequest("\(path) is required") }
        guard case .string(let text) = json else { throw .badRequest("\(path) must be a string") }
        guard text != expected else { return }
        if text == "youtube" { throw .unprocessable("\(path) 'youtube' is not supported by this fake") }
        throw .unprocessable("\(path) must be '\(expected)' with this body, got '\(text)'")
    }
}
