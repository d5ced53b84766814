import Foundation

/// Parses a JSON request body into an object, answering 400 as the API does when it is not one.
enum RequestBodyParser {
    static func object(from bytes: [UInt8]) throws(ValidationFailure) -> [String: JSONValue] {
        guard !bytes.isEmpty else { throw .badRequest("Missing request body") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw .badRequest("Request body is not valid JSON")
        }
        guard case .object(let object) = value else { throw .badRequest("Request body must be a JSON object") }
        return object
    }

    /// The body as canonical JSON (sorted keys), to count distinct bodies.
    static func canonical(_ object: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONValue.object(object)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
