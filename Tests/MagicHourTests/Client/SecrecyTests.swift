import Foundation
import MagicHour
import MagicHourFake
import Testing

@Suite("The API key never shows")
struct SecrecyTests {
    static let secret = "fake-test-key-top-secret"

    @Test("APIToken's description, debugDescription, interpolation and dump are redacted")
    func tokenRedacted() {
        let token = APIToken(Self.secret)
        var dumped = ""
        dump(token, to: &dumped)
        for text in [token.description, token.debugDescription, "\(token)", String(reflecting: token), dumped] {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains("TOPSECRET"))
        }
    }

    @Test("no error string, log line or client dump contains the key")
    func noTokenAnywhere() async throws {
        let logs = LogCapture()
        var texts: [String] = []
        func record(_ error: (any Error)?) {
            guard let error else { return }
            texts.append(String(describing: error))
            texts.append(String(reflecting: error))
            texts.append(error.localizedDescription)
            var dumped = ""
            dump(error, to: &dumped)
            texts.append(dumped)
        }
        // The fake accepts a different key, so every authorized call is a 401 carrying our key.
        try await TestHarness.with(token: Self.secret, logs: logs, maxAttempts: 2) { fake, client in
            record(await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") })
            record(
                await #expect(throws: MagicHourError.self) {
                    try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
                })
            await fake.inject(.status(429, retryAfter: "0"), on: .getProject, count: 5)
            record(await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") })
            await fake.inject(.status(503), on: .deleteProject, count: 5)
            record(await #expect(throws: MagicHourError.self) { try await client.deleteProject(id: "x") })
            await fake.inject(.dropConnection, on: .getProject, count: 5)
            record(await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") })
            await fake.inject(.dropAfterProcessing, on: .createImageToVideo, count: 5)
            record(
                await #expect(throws: MagicHourError.self) {
                    try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
                })
            record(
                await #expect(throws: MagicHourError.self) {
                    try await client.upload(file: try TestHarness.samplePNG())
                })
            texts.append(client.description)
            texts.append(String(reflecting: client))
            var dumped = ""
            dump(client, to: &dumped)
            texts.append(dumped)
        }
        let refused = MagicHourClient(
            token: APIToken(Self.secret),
            configuration: TestHarness.clientConfiguration(
                baseURL: "http://127.0.0.1:\(try await ErrorMappingTests.closedPort())", maxAttempts: 2),
            logger: logs.logger)
        record(await #expect(throws: MagicHourError.self) { try await refused.getProject(id: "x") })
        try await refused.shutdown()

        texts.append(contentsOf: logs.all)
        #expect(texts.count > 20)
        #expect(!logs.all.isEmpty)
        for text in texts {
            #expect(!text.contains(Self.secret), "leaked in: \(text)")
            #expect(!text.contains("TOPSECRET"), "leaked in: \(text)")
        }
    }
}
