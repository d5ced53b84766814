/// A value in the pipeline language: what YAML scalars, lists and mappings, inputs, items and
/// expression results are made of.
///
/// Stored inline (lists and mappings are already references), so making a value allocates
/// nothing beyond its string, list or mapping storage.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
    /// A mapping; keys are unordered (canonical forms sort them).
    case object([String: Value])
    /// A value known only when the task runs (an upstream task's remote output). Boxed, so the
    /// other cases stay small.
    indirect case deferred(DeferredValue)

    /// The string a value becomes inside `"…${{ }}…"`; files interpolate as their path.
    /// Returns `nil` for values that have no sensible text (lists, plain objects, deferred values).
    public var interpolated: String? {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Value.format(value)
        case .string(let value): value
        case .object(let fields):
            if case .string(let path)? = fields["path"] { path } else { nil }
        case .list, .deferred: nil
        }
    }

    public var isDeferred: Bool {
        switch self {
        case .deferred: true
        case .list(let values): values.contains { $0.isDeferred }
        case .object(let fields): fields.values.contains { $0.isDeferred }
        default: false
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public subscript(field: String) -> Value? {
        if case .object(let fields) = self { return fields[field] }
        return nil
    }

    /// Numbers print without a trailing `.0` when they are whole.
    public static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A canonical JSON text (sorted keys, no whitespace): the input of cache keys.
    public var canonicalJSON: String {
        var out = ""
        writeCanonicalJSON(into: &out)
        return out
    }

    /// Appends the canonical JSON text to `out` (one buffer for the whole tree).
    public func writeCanonicalJSON(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Value.format(value)
        case .string(let value): Value.appendJSONQuoted(value, to: &out)
        case .list(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.writeCanonicalJSON(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Value.appendJSONQuoted(key, to: &out)
                out += ":"
                fields[key]!.writeCanonicalJSON(into: &out)
            }
            out += "}"
        case .deferred(let deferred):
            out += "{\"$deferred\":"
            Value.appendJSONQuoted(deferred.description, to: &out)
            out += "}"
        }
    }

    /// A short human form for plans and messages.
    public var display: String {
        switch self {
        case .string(let value): return value
        case .list(let values): return "[" + values.map(\.display).joined(separator: ", ") + "]"
        case .object: return interpolated ?? canonicalJSON
        case .deferred(let deferred): return "<\(deferred.description)>"
        default: return canonicalJSON
        }
    }

    static func jsonQuoted(_ text: String) -> String {
        var out = ""
        appendJSONQuoted(text, to: &out)
        return out
    }

    static func appendJSONQuoted(_ text: String, to out: inout String) {
        out += "\""
        // Most texts need no escaping: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// A reference to an output that an upstream task produces when it runs.
public struct DeferredValue: Sendable, Hashable, CustomStringConvertible {
    /// The id of the task that produces the value.
    public var producer: String
    /// The output field, e.g. `project_id`.
    public var field: String

    public init(producer: String, field: String) {
        self.producer = producer
        self.field = field
    }

    public var description: String { "\(producer).\(field)" }
}
