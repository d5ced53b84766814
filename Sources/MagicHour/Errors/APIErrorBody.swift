import Foundation

/// The API's error body, `{"message": "…"}`.
struct APIErrorBody: Decodable {
    var message: String

    /// The message of an error body, or a short fallback when it has none.
    static func message(from body: [UInt8], status: Int) -> String {
        if let decoded = try? JSONDecoder().decode(APIErrorBody.self, from: Data(body)) {
            return decoded.message
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status)" : text
    }
}
