import Foundation
import MagicHourRules

/// The JSON body of a generation endpoint's create call, built from its fields' values: each
/// value at its field's body path, the fixed fields, and the objects the body must carry.
enum GenerationBody {
    /// A JSON value of the body.
    indirect enum Node: Encodable {
        case text(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        case list([Node])
        case object([String: Node])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            case .number(let number): try container.encode(number)
            case .bool(let on): try container.encode(on)
            case .list(let items): try container.encode(items)
            case .object(let fields): try container.encode(fields)
            }
        }

        /// `self` with `value` set at `path` (objects made on the way).
        func setting(_ value: Node, at path: ArraySlice<String>) -> Node {
            guard let key = path.first else { return value }
            var fields: [String: Node] = [:]
            if case .object(let existing) = self { fields = existing }
            fields[key] = (fields[key] ?? .object([:])).setting(value, at: path.dropFirst())
            return .object(fields)
        }
    }

    /// The body as JSON bytes (keys sorted, so equal requests are equal bytes).
    static func encode(_ endpoint: GenerationEndpoint, values: [String: EndpointValue], name: String?) -> [UInt8] {
        Array((try? MagicHourClient.encoder.encode(node(endpoint, values: values, name: name))) ?? Data("{}".utf8))
    }

    static func node(_ endpoint: GenerationEndpoint, values: [String: EndpointValue], name: String?) -> Node {
        var body = Node.object([:])
        for object in endpoint.requiredObjects { body = body.setting(.object([:]), at: [object][...]) }
        if let name { body = body.setting(.text(name), at: ["name"][...]) }
        for field in endpoint.fields {
            guard let value = values[field.parameter] else { continue }
            let node = node(value, as: field.kind)
            body = body.setting(field.isList ? .list([node]) : node, at: field.path[...])
        }
        for fixed in endpoint.fixed {
            guard let value = fixed.value(given: { values[$0] != nil }) else { continue }
            body = body.setting(.text(value), at: fixed.path[...])
        }
        return body
    }

    /// A value as its field's JSON type: whole numbers of integer fields (and of choices such as
    /// `image_count: 4`) as integers.
    private static func node(_ value: EndpointValue, as kind: EndpointField.Kind) -> Node {
        switch (value, kind) {
        case (.number(let number), .integer): .integer(Int(number))
        case (.number(let number), _):
            number.rounded() == number && abs(number) < 1e15 ? .integer(Int(number)) : .number(number)
        case (.text(let text), .choice) where Int(text) != nil && kind.isNumericChoice: .integer(Int(text)!)
        case (.text(let text), _): .text(text)
        case (.bool(let on), _): .bool(on)
        }
    }
}

extension EndpointField.Kind {
    /// A choice among whole numbers (`image_count` of the image editor: 1, 4, 9 or 16).
    var isNumericChoice: Bool {
        if case .choice(let values) = self { return values.allSatisfy { Int($0) != nil } }
        return false
    }
}
