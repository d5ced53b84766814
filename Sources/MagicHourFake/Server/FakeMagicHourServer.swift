import Foundation
import Hummingbird
public import Logging
import NIOCore

/// A fake Magic Hour API served over real HTTP, for tests, benchmarks and offline runs.
///
/// It serves `POST /v1/files/upload-urls`, `PUT` on the upload URLs it hands out,
/// `POST /v1/image-to-video` and `POST /v1/<endpoint>` for every generation endpoint of
/// `EndpointCatalog` (video, image and audio projects, with real outputs made by ffmpeg),
/// `GET`/`DELETE /v1/video-projects/{id}`, `/v1/image-projects/{id}` and
/// `/v1/audio-projects/{id}`, the download URLs of complete projects, and `GET /_fake/stats`. See ``FakeServerConfiguration`` for its behaviour.
///
/// ```swift
/// let fake = try await FakeMagicHourServer.start(.init(renderTime: .milliseconds(200)))
/// defer { Task { await fake.stop() } }
/// let client = MagicHourClient(token: APIToken(fake.configuration.acceptedToken),
///                              configuration: .init(baseURL: fake.baseURL))
/// ```
public final class FakeMagicHourServer: Sendable {
    /// The configuration it runs with.
    public let configuration: FakeServerConfiguration
    /// `http://host:port`, the base URL to give a client.
    public let baseURL: String
    /// The bound port.
    public let port: Int
    private let account: FakeAccount
    private let runTask: Task<Void, any Error>
    private let workDirectory: URL
    private let ownsWorkDirectory: Bool

    private init(
        configuration: FakeServerConfiguration, port: Int, account: FakeAccount, runTask: Task<Void, any Error>,
        workDirectory: URL, ownsWorkDirectory: Bool
    ) {
        self.configuration = configuration
        self.port = port
        self.baseURL = "http://\(configuration.host):\(port)"
        self.account = account
        self.runTask = runTask
        self.workDirectory = workDirectory
        self.ownsWorkDirectory = ownsWorkDirectory
    }

    /// Starts a server in the background and returns once it listens.
    /// - Parameters:
    ///   - configuration: Behaviour; `port: 0` (the default) picks a free port.
    ///   - logger: Where the server logs (requests at debug level).
    /// - Throws: When the port cannot be bound or the work folder cannot be made.
    public static func start(
        _ configuration: FakeServerConfiguration = FakeServerConfiguration(),
        logger: Logger = Logger(label: "magic-hour-fake")
    ) async throws -> FakeMagicHourServer {
        let (work, owned) = try makeWorkDirectory(configuration)
        let (account, application) = try await makeApplication(configuration, workDirectory: work, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = application { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let runTask = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = await runTask.result
            if case .failure(let error) = await runTask.result { throw error }
            throw FakeServerError.didNotStart
        }
        return FakeMagicHourServer(
            configuration: configuration, port: port, account: account, runTask: runTask, workDirectory: work,
            ownsWorkDirectory: owned)
    }

    /// Runs a server in the foreground until SIGINT or SIGTERM (for `pipeline fake-api`).
    /// - Parameter onStarted: Called with the base URL once the server listens.
    public static func run(
        _ configuration: FakeServerConfiguration,
        logger: Logger = Logger(label: "magic-hour-fake"),
        onStarted: @escaping @Sendable (String) -> Void
    ) async throws {
        let (work, owned) = try makeWorkDirectory(configuration)
        defer { if owned { try? FileManager.default.removeItem(at: work) } }
        let host = configuration.host
        let (account, application) = try await makeApplication(configuration, workDirectory: work, logger: logger)
        let app = application { channel in
            onStarted("http://\(host):\(channel.localAddress?.port ?? 0)")
        }
        try await app.runService()
        await account.cancelRenders()
    }

    /// Runs a server in the foreground until SIGINT or SIGTERM, logging to standard error
    /// (warnings only unless `verbose`), so that standard output stays free for the caller.
    public static func run(
        _ configuration: FakeServerConfiguration,
        verbose: Bool,
        onStarted: @escaping @Sendable (String) -> Void
    ) async throws {
        var logger = Logger(label: "magic-hour-fake") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        try await run(configuration, logger: logger, onStarted: onStarted)
    }

    /// Stops listening, cancels renders and deletes its temporary work folder.
    public func stop() async {
        runTask.cancel()
        _ = await runTask.result
        await account.cancelRenders()
        if ownsWorkDirectory { try? FileManager.default.removeItem(at: workDirectory) }
    }

    /// What the server has seen and done so far (also `GET /_fake/stats`).
    public func stats() async -> FakeStats {
        await account.snapshot()
    }

    /// Injects `fault` into the next `count` requests of `route`, before any random fault.
    public func inject(_ fault: FakeFault, on route: FakeRoute, count: Int = 1) async {
        await account.inject(fault, on: route, count: count)
    }

    /// Decides how the next projects end, in order (then ``FaultRates`` decide).
    public func scheduleProjectFates(_ fates: [ProjectFate]) async {
        await account.schedule(fates)
    }

    /// Replaces the random fault rates.
    public func setFaultRates(_ rates: FaultRates) async {
        await account.setFaultRates(rates)
    }

    /// Adds a project that is already complete and whose download serves `file` (any file, any
    /// size): for benchmarks of downloads and for demos. Costs no credits.
    /// - Returns: The project id.
    public func addCompletedProject(
        servingFile file: String, resolution: VideoResolution = .p1080, endSeconds: Double = 5
    ) async throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return await account.addCompletedProject(file: file, size: size, resolution: resolution, endSeconds: endSeconds)
    }

    /// Sets the account balance.
    public func setBalance(_ credits: Int) async {
        await account.setBalance(credits)
    }

    // MARK: - Assembly

    private static func makeWorkDirectory(_ configuration: FakeServerConfiguration) throws -> (URL, Bool) {
        let chosen = configuration.stateDirectory ?? configuration.workDirectory
        let owned = chosen == nil
        let url =
            chosen.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("magic-hour-fake-\(UUID().uuidString)")
        for sub in ["uploads", "videos", "outputs"] {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        return (url, owned)
    }

    private typealias AppMaker = (@escaping @Sendable (any Channel) async -> Void) -> Application<
        RouterResponder<FakeRequestContext>
    >

    private static func makeApplication(
        _ configuration: FakeServerConfiguration, workDirectory: URL, logger: Logger
    ) async throws -> (FakeAccount, AppMaker) {
        let renderer = VideoRenderer(
            directory: workDirectory.appendingPathComponent("videos").path, ffmpegPath: configuration.ffmpegPath,
            logger: logger)
        let outputs = OutputRenderer(
            directory: workDirectory.appendingPathComponent("outputs").path, ffmpegPath: configuration.ffmpegPath,
            logger: logger)
        let account = try FakeAccount(
            configuration: configuration, renderer: renderer, outputs: outputs,
            uploadDirectory: workDirectory.appendingPathComponent("uploads").path,
            store: configuration.stateDirectory.map { _ in FakeAccountStore(directory: workDirectory.path) },
            logger: logger)
        await account.resumeRenders()
        let router = Router(context: FakeRequestContext.self)
        FakeAPIRoutes(
            account: account, token: configuration.acceptedToken,
            fallbackBaseURL: "http://\(configuration.host):\(configuration.port)",
            maxUploadBytes: configuration.maxUploadBytes, tier: configuration.tier
        ).register(on: router)
        let responder = router.buildResponder()
        return (
            account,
            { onRunning in
                Application(
                    responder: responder,
                    configuration: .init(
                        address: .hostname(configuration.host, port: configuration.port), serverName: "magic-hour-fake"),
                    onServerRunning: onRunning,
                    logger: logger)
            }
        )
    }
}

/// Why a fake could not start.
public enum FakeServerError: Error, Sendable {
    /// The server stopped before it listened.
    case didNotStart
}
