import Foundation
import MagicHour
import MagicHourRules

/// A request body for a generation endpoint built from its catalog entry's `example` (plus the
/// defaults of required fields it leaves out, and the fixed fields), with the example's local
/// files uploaded to the fake; and the same values as `EndpointRules` reads them.
struct ExampleRequest {
    var body: JSON
    var values: [String: EndpointValue]

    static func make(
        _ endpoint: GenerationEndpoint, with overrides: [String: String] = [:], client: MagicHourClient
    ) async throws -> ExampleRequest {
        let files = try await GenerationInputs.files()
        var given = Dictionary(endpoint.example, uniquingKeysWith: { _, last in last })
        for field in endpoint.fields where field.isRequired && given[field.parameter] == nil {
            if let value = field.defaultValue { given[field.parameter] = value }
        }
        given.merge(overrides) { _, new in new }
        var body = JSON.object([:])
        var values: [String: EndpointValue] = [:]
        var uploaded: [MediaKind: String] = [:]
        for field in endpoint.fields {
            guard let scalar = given[field.parameter] else { continue }
            let value: EndpointValue
            if let media = field.media {
                if scalar.hasPrefix("http") || scalar.hasPrefix("api-assets/") {
                    value = .text(scalar)
                } else {
                    if uploaded[media] == nil {
                        uploaded[media] = try await client.upload(file: files.file(for: media))
                    }
                    value = .text(uploaded[media] ?? "")
                }
            } else {
                value = Self.value(scalar, kind: field.kind)
            }
            values[field.parameter] = value
            let json = Self.json(value)
            body = body.setting(field.path, to: field.isList ? .array([json]) : json)
        }
        for fixed in endpoint.fixed {
            if let value = fixed.value(given: { values[$0] != nil }) {
                body = body.setting(fixed.path, to: .string(value))
            }
        }
        for object in endpoint.requiredObjects where body[object] == nil {
            body = body.setting([object], to: .object([:]))
        }
        return ExampleRequest(body: body, values: values)
    }

    /// A YAML scalar as the stage sends it: numbers for numeric fields (and numeric choices,
    /// like `image_count`), booleans, else text.
    static func value(_ scalar: String, kind: EndpointField.Kind) -> EndpointValue {
        switch kind {
        case .integer, .number: Double(scalar).map(EndpointValue.number) ?? .text(scalar)
        case .boolean: .bool(scalar == "true")
        case .choice: Double(scalar).map(EndpointValue.number) ?? .text(scalar)
        case .text, .file: .text(scalar)
        }
    }

    static func json(_ value: EndpointValue) -> JSON {
        switch value {
        case .text(let text): .string(text)
        case .number(let number): .number(number)
        case .bool(let on): .bool(on)
        }
    }

    /// What `EndpointRules.cost` says the request costs, reading the uploaded inputs' facts.
    func cost(_ endpoint: GenerationEndpoint, tier: AccountTier = .creator) -> Int? {
        let media = endpoint.timedInput.flatMap { endpoint.field($0)?.media }
        let facts =
            media == .video ? GenerationInputs.videoFacts : media == .audio ? GenerationInputs.audioFacts : .unknown
        return EndpointRules.cost(endpoint, values, input: facts, tier: tier)?.credits
    }
}
