import Foundation
import NIOConcurrencyHelpers

/// The one place where secrets are taken out of text before it reaches output or the store.
///
/// The CLI registers the Magic Hour API key with ``shared`` as soon as it reads it; every error
/// text that can be printed or stored passes through ``redact(_:)`` (task failures, the HTTP
/// client's error descriptions, the CLI's top-level error printing). Each registered secret is
/// replaced in all the forms it can take on the way: as is, as the `Bearer <key>` header value,
/// base64 of either (as a header dump or a Basic-style encoding shows it) and percent-encoded
/// (as a URL or a form body shows it).
///
/// Safe to use from any thread.
package final class SecretRedactor: Sendable {
    /// The redactor every layer of the `pipeline` executable shares.
    package static let shared = SecretRedactor()

    /// What a secret is replaced with.
    package static let replacement = "<redacted>"

    /// Secrets shorter than this are not registered: replacing two or three characters would
    /// mangle every message and hide nothing worth hiding.
    package static let minimumLength = 4

    /// Every form of every registered secret, longest first (so a longer form is replaced whole
    /// before a shorter one inside it), under the box's lock.
    private let forms = NIOLockedValueBox<[String]>([])

    /// Creates an empty redactor (tests; the product uses ``shared``).
    package init() {}

    /// Adds a secret: from now on ``redact(_:)`` replaces it and its derived forms.
    package func register(_ secret: String) {
        guard secret.count >= Self.minimumLength else { return }
        let derived = Self.derivedForms(of: secret)
        forms.withLockedValue { forms in
            var all = Set(forms)
            all.formUnion(derived)
            forms = all.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        }
    }

    /// `text` with every form of every registered secret replaced by ``replacement``.
    package func redact(_ text: String) -> String {
        let forms = self.forms.withLockedValue { $0 }
        guard !forms.isEmpty, !text.isEmpty else { return text }
        var result = text
        for form in forms where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: Self.replacement)
        }
        return result
    }

    /// Whether `text` contains any form of a registered secret.
    package func reveals(_ text: String) -> Bool {
        redact(text) != text
    }

    /// The forms a secret takes in headers, encodings and URLs: the secret, `Bearer <secret>`,
    /// both with JSON-escaped slashes, base64 of both (with and without `=` padding), and the
    /// secret percent-encoded (upper- and lower-case hex).
    package static func derivedForms(of secret: String) -> Set<String> {
        let bearer = "Bearer " + secret
        var forms: Set<String> = [secret, bearer]
        // As a JSON encoder that escapes slashes writes it (a quoted error body, a JSON log line).
        if secret.contains("/") {
            forms.insert(secret.replacingOccurrences(of: "/", with: "\\/"))
            forms.insert(bearer.replacingOccurrences(of: "/", with: "\\/"))
        }
        for plain in [secret, bearer] {
            let encoded = Data(plain.utf8).base64EncodedString()
            forms.insert(encoded)
            // Without padding, so the form also matches where the encoding continues or was trimmed.
            var unpadded = encoded
            while unpadded.hasSuffix("=") { unpadded.removeLast() }
            forms.insert(unpadded)
        }
        for allowed in [Self.unreserved, .urlQueryAllowed, .urlPathAllowed, .alphanumerics] {
            if let escaped = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
                forms.insert(escaped)
                // Some encoders write lower-case hex digits.
                forms.insert(Self.lowercasingEscapes(escaped))
            }
        }
        return forms.filter { $0.count >= minimumLength }
    }

    /// RFC 3986's unreserved characters: what every percent-encoder leaves alone.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `%2F` → `%2f`, leaving the other characters alone.
    private static func lowercasingEscapes(_ text: String) -> String {
        var result = ""
        var remaining = 0
        for character in text {
            if character == "%" {
                remaining = 2
                result.append(character)
            } else if remaining > 0 {
                remaining -= 1
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
