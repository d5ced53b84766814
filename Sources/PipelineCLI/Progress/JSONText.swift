import Logging
import PipelineLanguage

/// JSON for log lines: strings escaped as the language's canonical JSON does, numbers as numbers.
enum JSONText {
    static func string(_ text: String) -> String {
        Value.string(text).canonicalJSON
    }

    static func value(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .stringConvertible(let number as Int): return String(number)
        case .stringConvertible(let number as Double): return number.isFinite ? "\(number)" : "null"
        case .stringConvertible(let flag as Bool): return flag ? "true" : "false"
        case .stringConvertible(let other): return string(other.description)
        case .array(let items): return "[" + items.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let fields):
            return "{" + fields.keys.sorted().map { string($0) + ":" + Self.value(fields[$0]!) }.joined(separator: ",")
                + "}"
        }
    }
}
