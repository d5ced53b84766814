import Foundation
import Logging
import MagicHour
import MagicHourFake

/// Starts a fake on loopback and a client pointed at it, with small render times, backoffs and
/// poll intervals so that the suite runs fast, and tears both down afterwards.
struct TestHarness {
    static let token = "mhk_test_SECRET_9f2c41d7"

    static func fakeConfiguration(
        renderTime: Duration = .milliseconds(300),
        balance: Int = 10_000,
        _ edit: (inout FakeServerConfiguration) -> Void = { _ in }
    ) -> FakeServerConfiguration {
        var configuration = FakeServerConfiguration(acceptedToken: token, balance: balance, renderTime: renderTime)
        edit(&configuration)
        return configuration
    }

    static func clientConfiguration(
        baseURL: String,
        maxAttempts: Int = 5,
        _ edit: (inout MagicHourConfiguration) -> Void = { _ in }
    ) -> MagicHourConfiguration {
        var configuration = MagicHourConfiguration(
            baseURL: baseURL,
            // Generous: the whole suite runs in parallel on 2 cores (Chromium included), and a
            // 24 MiB upload must not time out there. Tests of timeouts set their own.
            connectTimeout: .seconds(5),
            requestTimeout: .seconds(30),
            readIdleTimeout: .seconds(30),
            transferTimeout: .seconds(60),
            retry: RetryPolicy(
                maxAttempts: maxAttempts, initialDelay: .milliseconds(10), multiplier: 2,
                maxDelay: .milliseconds(80), jitter: 0.2, maxRetryAfter: .seconds(3)),
            polling: PollPolicy(
                initialInterval: .milliseconds(50), multiplier: 1.5, maxInterval: .milliseconds(200),
                timeout: .seconds(30)),
            maxDownloadAttempts: 4,
            downloadURLSafetyMargin: .zero)
        edit(&configuration)
        return configuration
    }

    /// Runs `body` with a started fake and a client; stops both afterwards.
    @discardableResult
    static func with<T>(
        fake fakeConfiguration: FakeServerConfiguration = fakeConfiguration(),
        token: String = token,
        logs: LogCapture? = nil,
        maxAttempts: Int = 5,
        client edit: (inout MagicHourConfiguration) -> Void = { _ in },
        _ body: (FakeMagicHourServer, MagicHourClient) async throws -> T
    ) async throws -> T {
        var quiet = Logger(label: "fake")
        quiet.logLevel = .critical
        let fake = try await FakeMagicHourServer.start(fakeConfiguration, logger: quiet)
        let logger = logs?.logger ?? quiet
        let client = MagicHourClient(
            token: APIToken(token),
            configuration: clientConfiguration(baseURL: fake.baseURL, maxAttempts: maxAttempts, edit),
            logger: logger)
        do {
            let result = try await body(fake, client)
            try await client.shutdown()
            await fake.stop()
            return result
        } catch {
            try? await client.shutdown()
            await fake.stop()
            throw error
        }
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mh-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A 64×48 PNG test pattern written to a fresh folder.
    static func samplePNG(named name: String = "photo.png") throws -> String {
        let path = try temporaryDirectory() + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(base64Encoded: samplePNGBase64))
        return path
    }

    static let samplePNGBase64 =
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAACXBIWXMAAAABAAAAAQBPJcTWAAABh0lEQVR4nO3WLzQEURTH8V+j0Wg0Go1Go9FoNBqNthqNRqPRaDQajUaj0Wi0L/vHzpnZd/c4O7Mzc9a9+87Z8Obdez9vZnafZATGqH/9fBLDWpG87ncELw8lbgwrrP7bAYIVMgHUV3QRYPeTGaBZKHtAI1EugFZDWkCUKC9AwpAKEEuUIyC2cR0DkrcyX0D06HYGCLxMuQPqbfxLQLByIQBsggkw+iwMYN2GHgXYfRYJCBp6EdCYKCWg1eCAsgGiibICEgYHOMABDnCAAxzgAAc4oDyA5nRpAcTDASUEqE3ZogG0RG16WEyKebEqtsWBOBM34kl86BM9o1t0jg5RBa2hBTSFRlBfdf2gGBezYllsij1xIq7Eg3irNvuK7tElOka7aAMtoRk0hgboF6NiWiyKdbEjjsSFuBMv4qu6/h09omt0ivbRFlpBc2gCDTnAAQ5wQMEAK2K/wcX9D0R1jfgTIJYoR0Bs41ICmulyAyRPAOkBtD1jZAsIHGEyAdRSq6sAY3/M+AZ0I5Jd3NcKtAAAAABJRU5ErkJggg=="
}
