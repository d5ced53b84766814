import Foundation

extension Value {
    /// Indented JSON with sorted keys, for files people read.
    public var prettyJSON: String {
        var out = ""
        Value.writePretty(self, indent: 0, into: &out)
        return out
    }

    /// Appends `value` as `prettyJSON` writes it, nested `indent` levels deep.
    static func writePretty(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .list(let values) where !values.isEmpty:
            out += "[\n"
            for (index, element) in values.enumerated() {
                out += pad + "  "
                writePretty(element, indent: indent + 1, into: &out)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        case .object(let fields) where !fields.isEmpty:
            out += "{\n"
            let keys = fields.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += pad + "  " + jsonQuoted(key) + ": "
                writePretty(fields[key]!, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += pad + "}"
        case .object:
            out += "{}"
        default:
            out += value.canonicalJSON
        }
    }
}

extension Value {
    /// Decodes JSON text produced by `canonicalJSON` (or any JSON) back into a value.
    public init(json text: String) throws {
        self = try JSONDecoder().decode(DecodedValue.self, from: Data(text.utf8)).value
    }
}

/// JSON decoding of `Value`: booleans before numbers, so `true` never becomes 1.
private struct DecodedValue: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            value = .number(number)
        } else if let text = try? container.decode(String.self) {
            value = .string(text)
        } else if let list = try? container.decode([DecodedValue].self) {
            value = .list(list.map(\.value))
        } else {
            value = .object(try container.decode([String: DecodedValue].self).mapValues(\.value))
        }
    }
}
