import Foundation
import MagicHour
import MagicHourFake
import SecretRedaction
import Testing

/// The client's error descriptions pass through the one ``SecretRedactor``: a key registered there
/// (as the CLI does when it reads `MAGIC_HOUR_API_KEY`) never shows, in any of its forms, even
/// when the HTTP stack quotes a refused header value or the server echoes the header.
@Suite("A registered key is redacted from the client's errors")
struct RedactionTests {
    /// Unique to this suite, so registering it in the shared redactor changes no other test's text.
    static let key = "fake-test-key+Redaction/Suite=\(UUID().uuidString)"

    @Test("a key ending in a newline: the HTTP stack refuses the header and quotes it; the error does not")
    func refusedHeaderValue() async throws {
        SecretRedactor.shared.register(Self.key + "\n")
        SecretRedactor.shared.register(Self.key)
        try await TestHarness.with(token: Self.key + "\n", maxAttempts: 1) { _, client in
            let error = await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") }
            let texts = Self.texts(of: error)
            #expect(texts.contains { $0.contains(SecretRedactor.replacement) }, "\(texts)")
            for text in texts { #expect(!Self.reveals(text), "\(text)") }
        }
    }

    @Test("a server echoing the Authorization header: the error's message and description are redacted")
    func echoedHeader() async throws {
        SecretRedactor.shared.register(Self.key)
        var fakeConfiguration = TestHarness.fakeConfiguration()
        fakeConfiguration.acceptedToken = Self.key
        try await TestHarness.with(fake: fakeConfiguration, token: Self.key, maxAttempts: 1) { fake, client in
            await fake.inject(.echoAuthorization, on: .createImageToVideo)
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
            let texts = Self.texts(of: error)
            #expect(texts.contains { $0.contains("Authorization: \(SecretRedactor.replacement)") }, "\(texts)")
            for text in texts { #expect(!Self.reveals(text), "\(text)") }
        }
    }

    @Test("every derived form of a registered secret is replaced; short secrets are not registered")
    func derivedForms() {
        let redactor = SecretRedactor()
        let key = "abc/def+ghi=jkl"
        redactor.register(key)
        redactor.register("xyz")
        let base64 = Data(("Bearer " + key).utf8).base64EncodedString()
        let text =
            "header: Bearer \(key); json: \"Bearer abc\\/def+ghi=jkl\"; base64: \(base64); "
            + "escaped: abc%2Fdef%2Bghi%3Djkl, abc%2fdef%2bghi%3djkl; plain: \(key); other: xyz"
        #expect(
            redactor.redact(text)
                == "header: <redacted>; json: \"<redacted>\"; base64: <redacted>; "
                + "escaped: <redacted>, <redacted>; plain: <redacted>; other: xyz")
        #expect(!redactor.reveals("nothing secret here"))
    }

    /// Every way an error is turned into text.
    static func texts(of error: (any Error)?) -> [String] {
        guard let error else { return [] }
        var dumped = ""
        dump(error, to: &dumped)
        return [String(describing: error), String(reflecting: error), error.localizedDescription, dumped]
    }

    /// Whether `text` shows the key in one of the forms a header or an encoding gives it.
    static func reveals(_ text: String) -> Bool {
        let forms = [
            key, "Bearer " + key, Data(key.utf8).base64EncodedString(),
            Data(("Bearer " + key).utf8).base64EncodedString(),
            key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key,
        ]
        return forms.contains { text.contains($0) }
    }
}
