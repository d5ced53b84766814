import Foundation
import SecretRedaction

/// The API's error body, `{"message": "…"}`.
struct APIErrorBody: Decodable {
    var message: String

    /// The message of an error body, or a short fallback when it has none; a registered secret in
    /// it (a server echoing the `Authorization` header) is redacted at once.
    static func message(from body: [UInt8], status: Int) -> String {
        if let decoded = try? JSONDecoder().decode(APIErrorBody.self, from: Data(body)) {
            return SecretRedactor.shared.redact(decoded.message)
        }
        // Redacted before it is cut to 200 bytes, so the cut cannot leave part of a key behind.
        let whole = SecretRedactor.shared.redact(String(decoding: body, as: UTF8.self))
        let trimmed = String(decoding: whole.utf8.prefix(200), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "HTTP \(status)" : trimmed
    }
}
