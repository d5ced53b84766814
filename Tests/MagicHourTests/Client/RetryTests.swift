import Foundation
import MagicHourFake
import Testing

@testable import MagicHour

@Suite("Retries and backoff under injected faults")
struct RetryTests {
    @Test("GET survives 429 (with and without Retry-After), 500, 502, 503 and a dropped connection")
    func getSurvivesMixedFaults() async throws {
        let logs = LogCapture()
        try await TestHarness.with(logs: logs, maxAttempts: 7) { fake, client in
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            for fault in [
                FakeFault.status(429, retryAfter: "0"), .status(429, retryAfter: nil), .status(500), .status(502),
                .status(503), .dropConnection,
            ] {
                await fake.inject(fault, on: .getProject)
            }
            let project = try await client.getProject(id: created.id)
            #expect(project.id == created.id)
            #expect(await fake.stats().requests(.getProject) == 7)
            #expect(logs.count(containing: "retrying") == 6)
        }
    }

    @Test("create is retried after 429 and 5xx (no project was created) and charged once")
    func createRetriedWhenNothingWasCreated() async throws {
        try await TestHarness.with { fake, client in
            await fake.inject(.status(429, retryAfter: "0"), on: .createImageToVideo)
            await fake.inject(.status(503), on: .createImageToVideo)
            await fake.inject(.status(500), on: .createImageToVideo)
            let created = try await client.createImageToVideo(
                .init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            let stats = await fake.stats()
            #expect(stats.requests(.createImageToVideo) == 4)
            #expect(stats.projectsCreated == 1)
            #expect(stats.creditsCharged == created.creditsCharged)
            #expect(stats.projectsCreatedPerBody.values.sorted() == [1])
        }
    }

    @Test("create is NOT retried when the connection drops after the request was sent")
    func createNotRetriedAfterDrop() async throws {
        try await TestHarness.with { fake, client in
            await fake.inject(.dropAfterProcessing, on: .createImageToVideo)
            let error = await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
            guard case .transport(let failure)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(failure.requestMayHaveReachedServer)
            let stats = await fake.stats()
            #expect(stats.requests(.createImageToVideo) == 1)
            // The server did create (and charge) it: a retry would have paid twice.
            #expect(stats.projectsCreated == 1)
        }
    }

    @Test("a dropped connection on create before processing is not retried either (the client cannot tell)")
    func createNotRetriedAfterEarlyDrop() async throws {
        try await TestHarness.with { fake, client in
            await fake.inject(.dropConnection, on: .createImageToVideo)
            await #expect(throws: MagicHourError.self) {
                try await client.createImageToVideo(.init(imageFilePath: "https://x.test/a.png", endSeconds: 5))
            }
            let stats = await fake.stats()
            #expect(stats.requests(.createImageToVideo) == 1)
            #expect(stats.projectsCreated == 0)
        }
    }

    @Test("4xx answers are never retried")
    func clientErrorsNotRetried() async throws {
        try await TestHarness.with { fake, client in
            await fake.inject(.status(400), on: .getProject)
            await #expect(throws: MagicHourError.self) { try await client.getProject(id: "x") }
            #expect(await fake.stats().requests(.getProject) == 1)
        }
    }

    @Test("Retry-After in seconds is honoured")
    func retryAfterSeconds() async throws {
        try await TestHarness.with { fake, client in
            await fake.inject(.status(429, retryAfter: "1"), on: .getProject)
            let start = ContinuousClock.now
            await #expect(throws: MagicHourError.notFound(message: "Not Found")) {
                try await client.getProject(id: "x")
            }
            let elapsed = start.duration(to: .now)
            #expect(elapsed >= .milliseconds(950))
            #expect(await fake.stats().requests(.getProject) == 2)
        }
    }

    @Test("Retry-After as an HTTP date is honoured")
    func retryAfterHTTPDate() async throws {
        try await TestHarness.with { fake, client in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = formatter.string(from: Date().addingTimeInterval(2))
            await fake.inject(.status(503, retryAfter: date), on: .getProject)
            let start = ContinuousClock.now
            await #expect(throws: MagicHourError.notFound(message: "Not Found")) {
                try await client.getProject(id: "x")
            }
            #expect(start.duration(to: .now) >= .milliseconds(900))
        }
    }

    @Test("random faults at high rates: a whole flow still succeeds and pays once")
    func randomFaultsFlow() async throws {
        let rates = FaultRates(rateLimited: 0.2, retryAfterSeconds: 0, serverError: 0.15)
        let configuration = TestHarness.fakeConfiguration {
            $0.faults = rates; $0.seed = 7
        }
        try await TestHarness.with(fake: configuration, maxAttempts: 10, client: { $0.maxDownloadAttempts = 10 }) {
            fake, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            let created = try await client.createImageToVideo(
                .init(imageFilePath: path, endSeconds: 5, resolution: .p480, model: "ltx-2.3"))
            let outcome = try await client.waitForProject(id: created.id)
            let file = try await client.download(outcome.project, to: try TestHarness.temporaryDirectory() + "/a.mp4")
            #expect(file.size > 0)
            let stats = await fake.stats()
            #expect(stats.projectsCreated == 1)
            #expect(stats.faultsInjected.values.reduce(0, +) > 0)
        }
    }

    @Test("backoff grows by the multiplier, is capped, and jitters within bounds")
    func backoffShape() {
        let policy = RetryPolicy(initialDelay: .seconds(1), multiplier: 2, maxDelay: .seconds(5), jitter: 0)
        #expect(policy.delay(beforeRetry: 1) == .seconds(1))
        #expect(policy.delay(beforeRetry: 2) == .seconds(2))
        #expect(policy.delay(beforeRetry: 3) == .seconds(4))
        #expect(policy.delay(beforeRetry: 4) == .seconds(5))
        #expect(policy.delay(beforeRetry: 2, retryAfter: .seconds(9)) == .seconds(9))
        #expect(RetryPolicy(maxRetryAfter: .seconds(3)).delay(beforeRetry: 1, retryAfter: .seconds(60)) == .seconds(3))
        let jittered = RetryPolicy(initialDelay: .seconds(1), jitter: 0.2)
        for _ in 0..<100 {
            let delay = jittered.delay(beforeRetry: 1)
            #expect(delay >= .milliseconds(799) && delay <= .milliseconds(1201))
        }
    }

    @Test("Retry-After parsing: seconds, HTTP date, garbage")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("3", now: now) == .seconds(3))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:27 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }

    @Test("the create rule: retry only when no project can have been created")
    func createRule() {
        let create = RequestSafety.createsPaidJob
        #expect(create.allowsRetry(status: 429, bodyHasProjectID: false))
        #expect(create.allowsRetry(status: 503, bodyHasProjectID: false))
        #expect(!create.allowsRetry(status: 500, bodyHasProjectID: true))
        #expect(!create.allowsRetry(status: 400, bodyHasProjectID: false))
        #expect(create.allowsRetry(TransportFailure(kind: .connectionFailed, detail: "", request: "")))
        #expect(!create.allowsRetry(TransportFailure(kind: .connectionClosed, detail: "", request: "")))
        #expect(!create.allowsRetry(TransportFailure(kind: .timedOut, detail: "", request: "")))
        #expect(RequestSafety.idempotent.allowsRetry(TransportFailure(kind: .timedOut, detail: "", request: "")))
    }
}
