import Foundation
@testable import MagicHour
import MagicHourFake
import Testing

@Suite("Every documented status maps to its typed error")
struct ErrorMappingTests {
    @Test("401: wrong API key")
    func unauthorized() async throws {
        try await TestHarness.with(token: "mhk_wrong_key") { _, client in
            await #expect(throws: MagicHourError.unauthorized(message: "Unauthorized")) {
                try await client.getProject(id: "anything")
            }
        }
    }

    @Test("400: end_seconds outside the OpenAPI range, message names the field")
    func badRequest() async throws {
        try await TestHarness.with { _, client in
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 61))
            }
            guard case .invalidRequest(400, let message)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(message.contains("end_seconds"))
        }
    }

    @Test("422: 15 s at 480p breaks the rule of `default` on a paid tier (kling-3.0 renders 720p and up)")
    func unprocessable480p() async throws {
        try await TestHarness.with { fake, client in
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(
                    .init(imageFilePath: "https://x.test/a.png", endSeconds: 15, resolution: .p480))
            }
            guard case .invalidRequest(422, let message)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(message.contains("480p"))
            #expect(await fake.stats().projectsCreated == 0)
        }
    }

    @Test("422: an image_file_path that was never uploaded")
    func neverUploaded() async throws {
        try await TestHarness.with { _, client in
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "api-assets/nope/image.png", endSeconds: 5))
            }
            #expect(error?.httpStatus == 422)
        }
    }

    @Test("402: not enough credits; nothing is charged")
    func paymentRequired() async throws {
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(balance: 100)) { fake, client in
            await #expect(throws: MagicHourError.insufficientCredits(status: 402, message: "Payment required")) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
            let stats = await fake.stats()
            #expect(stats.balance == 100)
            #expect(stats.projectsCreated == 0)
        }
    }

    @Test("422 meaning out of credits (servers before 2026-03) is insufficientCredits too")
    func legacyOutOfCredits() async throws {
        let configuration = TestHarness.fakeConfiguration(balance: 10) { $0.outOfCreditsStatus = 422 }
        try await TestHarness.with(fake: configuration) { _, client in
            await #expect(throws: MagicHourError.insufficientCredits(status: 422, message: "Not enough credits")) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
        }
    }

    @Test("403: resolution not on the plan")
    func notOnPlan() async throws {
        let configuration = TestHarness.fakeConfiguration { $0.allowedResolutions = [.p480, .p720] }
        try await TestHarness.with(fake: configuration) { _, client in
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(
                    .init(imageFilePath: "https://x.test/a.png", endSeconds: 5, resolution: .p1080))
            }
            guard case .notOnPlan? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
        }
    }

    @Test("404: unknown project, for GET and DELETE")
    func notFound() async throws {
        try await TestHarness.with { _, client in
            await #expect(throws: MagicHourError.notFound(message: "Not Found")) {
                try await client.getProject(id: "cdoesnotexist000000000000")
            }
            await #expect(throws: MagicHourError.notFound(message: "Not Found")) {
                try await client.deleteProject(id: "cdoesnotexist000000000000")
            }
        }
    }

    @Test("429 after every retry: rateLimited, with exactly maxAttempts requests")
    func rateLimited() async throws {
        try await TestHarness.with(maxAttempts: 3) { fake, client in
            await fake.inject(.status(429, retryAfter: nil), on: .getProject, count: 10)
            let error = await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") }
            guard case .rateLimited? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(await fake.stats().requests(.getProject) == 3)
        }
    }

    @Test("5xx after every retry: serverError with the status", arguments: [500, 502, 503])
    func serverError(status: Int) async throws {
        try await TestHarness.with(maxAttempts: 2) { fake, client in
            await fake.inject(.status(status), on: .getProject, count: 10)
            let error = await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") }
            #expect(error?.httpStatus == status)
            guard case .serverError? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(await fake.stats().requests(.getProject) == 2)
        }
    }

    @Test("connection refused: transport failure of kind connectionFailed, retried")
    func connectionRefused() async throws {
        let port = try await Self.closedPort()
        let logs = LogCapture()
        let client = MagicHourClient(
            token: APIToken(TestHarness.token),
            configuration: TestHarness.clientConfiguration(baseURL: "http://127.0.0.1:\(port)", maxAttempts: 3),
            logger: logs.logger)
        let error = await #expect(throws: MagicHourError.self) {
            try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
        }
        try await client.shutdown()
        guard case .transport(let failure)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionFailed)
        // A refused connection proves nothing was created, so even the create is retried.
        #expect(logs.count(containing: "retrying") == 2)
    }

    @Test("the status table of MagicHourError.from")
    func statusTable() {
        #expect(
            MagicHourError.from(status: 400, message: "m", retryAfter: nil)
                == .invalidRequest(status: 400, message: "m"))
        #expect(
            MagicHourError.from(status: 422, message: "Unable to create video", retryAfter: nil)
                == .invalidRequest(status: 422, message: "Unable to create video"))
        #expect(
            MagicHourError.from(status: 422, message: "Insufficient credits", retryAfter: nil)
                == .insufficientCredits(status: 422, message: "Insufficient credits"))
        #expect(
            MagicHourError.from(status: 402, message: "m", retryAfter: nil)
                == .insufficientCredits(status: 402, message: "m"))
        #expect(
            MagicHourError.from(status: 429, message: "m", retryAfter: .seconds(2))
                == .rateLimited(retryAfter: .seconds(2), message: "m"))
        #expect(
            MagicHourError.from(status: 504, message: "m", retryAfter: nil) == .serverError(status: 504, message: "m"))
        #expect(
            MagicHourError.from(status: 418, message: "m", retryAfter: nil)
                == .unexpectedStatus(status: 418, message: "m"))
    }

    /// A loopback port nothing listens on (bound by a fake, then the fake stopped).
    static func closedPort() async throws -> Int {
        let fake = try await FakeMagicHourServer.start(TestHarness.fakeConfiguration())
        let port = fake.port
        await fake.stop()
        return port
    }
}
