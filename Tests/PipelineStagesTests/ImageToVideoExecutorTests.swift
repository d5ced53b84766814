import Foundation
import MagicHour
import MagicHourFake
import PipelineEngine
import PipelineLanguage
import PipelineStages
import PipelineStore
import Testing

/// The paid stage in process: the real executor and client against the fake on loopback, the
/// journal in a real SQLite file. One create per key, whatever happens around it.
@Suite struct ImageToVideoExecutorTests {
    static let token = "fake-test-key-stages"
    /// A 64×48 PNG, so the executor's image check (libvips) passes.
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAACXBIWXMAAAABAAAAAQBPJcTWAAABh0lEQVR4nO3WLzQEURTH8V+j0Wg0Go1Go9FoNBqNthqNRqPRaDQajUaj0Wi0L/vHzpnZd/c4O7Mzc9a9+87Z8Obdez9vZnafZATGqH/9fBLDWpG87ncELw8lbgwrrP7bAYIVMgHUV3QRYPeTGaBZKHtAI1EugFZDWkCUKC9AwpAKEEuUIyC2cR0DkrcyX0D06HYGCLxMuQPqbfxLQLByIQBsggkw+iwMYN2GHgXYfRYJCBp6EdCYKCWg1eCAsgGiibICEgYHOMABDnCAAxzgAAc4oDyA5nRpAcTDASUEqE3ZogG0RG16WEyKebEqtsWBOBM34kl86BM9o1t0jg5RBa2hBTSFRlBfdf2gGBezYllsij1xIq7Eg3irNvuK7tElOka7aAMtoRk0hgboF6NiWiyKdbEjjsSFuBMv4qu6/h09omt0ivbRFlpBc2gCDTnAAQ5wQMEAK2K/wcX9D0R1jfgTIJYoR0Bs41ICmulyAyRPAOkBtD1jZAsIHGEyAdRSq6sAY3/M+AZ0I5Jd3NcKtAAAAABJRU5ErkJggg=="
    )!

    /// Runs `body` with a fake rendering in `renderTime`, a client with fast polls, and a workspace
    /// holding `photo.png`; stops the fake and the client afterwards.
    static func with(
        renderTime: Duration = .milliseconds(200), balance: Int = 1_000,
        _ body: (MagicHourClient, StageWorkspace) async throws -> Void
    ) async throws {
        let fake = try await FakeMagicHourServer.start(
            FakeServerConfiguration(acceptedToken: token, balance: balance, renderTime: renderTime))
        let client = MagicHourClient(
            token: APIToken(token),
            configuration: MagicHourConfiguration(
                baseURL: fake.baseURL, connectTimeout: .seconds(5), requestTimeout: .seconds(30),
                polling: PollPolicy(
                    initialInterval: .milliseconds(50), multiplier: 1.5, maxInterval: .milliseconds(200),
                    timeout: .seconds(30))))
        let workspace = try StageWorkspace()
        try workspace.write("photo.png", png)
        do {
            try await body(client, workspace)
            try await client.shutdown()
            await fake.stop()
        } catch {
            try? await client.shutdown()
            await fake.stop()
            throw error
        }
    }

    static func context(_ workspace: StageWorkspace, image: String = "photo.png") -> TaskContext {
        workspace.context(
            stage: "clips", type: "magic_hour.image_to_video",
            parameters: [
                "image": .string(image), "end_seconds": .number(5), "resolution": .string("480p"),
                "model": .string("ltx-2.3"),
            ],
            outputPath: nil)
    }

    @Test func createsOneProjectJournalsItAndReturnsItsDownloads() async throws {
        try await Self.with { client, workspace in
            let before = try await client.account().credits
            let result = try await ImageToVideoExecutor(client: client).execute(Self.context(workspace))
            let after = try await client.account().credits
            #expect(result.creditsSpent > 0)
            #expect(before - after == result.creditsSpent)
            guard case .string(let projectID)? = result.outputs["project_id"] else {
                Issue.record("no project id in \(result.outputs)")
                return
            }
            guard case .list(let downloads)? = result.outputs["downloads"] else {
                Issue.record("no downloads in \(result.outputs)")
                return
            }
            #expect(!downloads.isEmpty)
            let job = try #require(try await workspace.store.paidJob(key: String(repeating: "a", count: 64)))
            #expect(job.projectID == projectID)
            #expect(job.state == .complete)
        }
    }

    @Test func theSameKeyAgainResumesTheProjectAndPaysNothing() async throws {
        try await Self.with { client, workspace in
            let executor = ImageToVideoExecutor(client: client)
            let first = try await executor.execute(Self.context(workspace))
            let balance = try await client.account().credits
            let second = try await executor.execute(Self.context(workspace))
            #expect(second.creditsSpent == 0)
            #expect(try await client.account().credits == balance)
            #expect(second.outputs["project_id"] == first.outputs["project_id"])
        }
    }

    @Test func aMissingLocalImageFailsBeforeAnyUploadOrPayment() async throws {
        try await Self.with { client, workspace in
            let before = try await client.account().credits
            let failure = await #expect(throws: TaskFailure.self) {
                _ = try await ImageToVideoExecutor(client: client).execute(
                    Self.context(workspace, image: "missing.png"))
            }
            #expect(
                failure?.message.contains("missing.png cannot be read (no such file or directory)") == true,
                "\(String(describing: failure))")
            #expect(failure?.isRetryable == false)
            #expect(try await client.account().credits == before)
            #expect(try await workspace.store.paidJob(key: String(repeating: "a", count: 64)) == nil)
        }
    }

    @Test func tooFewCreditsIsAFailureThatSpendsNothing() async throws {
        try await Self.with(balance: 1) { client, workspace in
            await #expect(throws: (any Error).self) {
                _ = try await ImageToVideoExecutor(client: client).execute(Self.context(workspace))
            }
            let credits = try await client.account().credits
            #expect(credits == 1)
        }
    }
}
