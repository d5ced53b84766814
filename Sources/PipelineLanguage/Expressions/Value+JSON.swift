extension Value {
    /// Indented JSON with sorted keys, for files people read.
    public var prettyJSON: String {
        var out = ""
        Value.writePretty(self, indent: 0, into: &out)
        return out
    }

    private static func writePretty(_ value: Value, indent: Int, into out: inout String) {
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
