import AsyncHTTPClient
public import Logging
public import MagicHourRules
import NIOCore
import NIOPosix

import Foundation
import PipelineBasics

/// The Magic Hour REST API client: uploads, image-to-video projects, polling and downloads.
///
/// One instance owns two AsyncHTTPClient connection pools: one for API calls and uploads, and one
/// on an event loop of its own for downloads, which write to disk on that loop (see
/// ``download(_:to:)``). Share the instance and call ``shutdown()`` once when done. All methods are
/// safe to call concurrently.
///
/// ```swift
/// let client = MagicHourClient(token: APIToken(key))
/// let path = try await client.upload(file: "photo.png")
/// let created = try await client.createImageToVideo(.init(imageFilePath: path, endSeconds: 5))
/// if case .complete(let project) = try await client.waitForProject(id: created.id) {
///     let file = try await client.download(project, to: "out/clip.mp4")
/// }
/// try await client.shutdown()
/// ```
public final class MagicHourClient: Sendable, CustomStringConvertible, CustomReflectable {
    /// The settings this client was made with.
    public let configuration: MagicHourConfiguration
    let token: APIToken
    let http: HTTPClient
    /// Downloads only: their body parts are written to disk on this pool's event loop.
    let downloads: HTTPClient
    private let downloadLoop: MultiThreadedEventLoopGroup
    let logger: Logger
    /// The renders this client saw finish, which shape every later wait's polls (one client per run).
    public let renderTimes = RenderTimeBoard()

    /// Creates a client with its own HTTP connection pools.
    /// - Parameters:
    ///   - token: The API key (the CLI reads `MAGIC_HOUR_API_KEY`).
    ///   - configuration: Base URL, timeouts, retry and polling policies.
    ///   - logger: Where retries and refreshes are logged (never with the key).
    public init(
        token: APIToken,
        configuration: MagicHourConfiguration = MagicHourConfiguration(),
        logger: Logger = Logger(label: "magic-hour")
    ) {
        self.token = token
        self.configuration = configuration
        self.logger = logger
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(
            connect: .nanoseconds(Int64(configuration.connectTimeout.seconds * 1e9)),
            read: .nanoseconds(Int64(configuration.readIdleTimeout.seconds * 1e9))
        )
        httpConfiguration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        httpConfiguration.httpVersion = .http1Only
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.downloadLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.downloads = HTTPClient(eventLoopGroupProvider: .shared(downloadLoop), configuration: httpConfiguration)
    }

    /// Closes the connection pools. Call once, after the last request.
    /// - Throws: The first failure; every pool is closed regardless.
    public func shutdown() async throws {
        var failure: (any Error)?
        do { try await http.shutdown() } catch { failure = error }
        do { try await downloads.shutdown() } catch { failure = failure ?? error }
        do { try await downloadLoop.shutdownGracefully() } catch { failure = failure ?? error }
        if let failure { throw failure }
    }

    /// The base URL; never the key.
    public var description: String { "MagicHourClient(\(configuration.baseURL))" }

    /// Shows the base URL only, so `dump` never walks into the key or the connection pool.
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": configuration.baseURL], displayStyle: .class)
    }

    // MARK: - Projects

    /// Creates an image-to-video project (`POST /v1/image-to-video`). Charges credits.
    ///
    /// Retried only when the failure proves no project was created; see ``RequestSafety``.
    /// - Throws: ``MagicHourError``.
    public func createImageToVideo(_ request: ImageToVideoRequest) async throws -> CreatedProject {
        let body = try Self.encoder.encode(request)
        let response = try await send(
            .POST, path: "/v1/image-to-video", body: ByteBuffer(bytes: body), safety: .createsPaidJob)
        return try decode(CreatedProject.self, from: response)
    }

    /// Creates a project of a generation endpoint (`POST /v1/<endpoint>`) from its fields' values
    /// (file fields already uploaded: their `file_path` or URL). Charges credits.
    ///
    /// Retried only when the failure proves no project was created; see ``RequestSafety``.
    /// - Throws: ``MagicHourError``.
    public func create(
        _ endpoint: GenerationEndpoint, values: [String: EndpointValue], name: String? = nil
    ) async throws -> CreatedProject {
        let body = GenerationBody.encode(endpoint, values: values, name: name)
        let response = try await send(
            .POST, path: endpoint.path, body: ByteBuffer(bytes: body), safety: .createsPaidJob)
        return try decode(CreatedProject.self, from: response)
    }

    /// Fetches a project (`GET /v1/<kind>-projects/{id}`); download URLs come fresh each time.
    /// - Throws: ``MagicHourError`` (``MagicHourError/notFound(message:)`` for an unknown id).
    public func getProject(id: String, kind: ProjectKind = .video) async throws -> Project {
        let response = try await send(
            .GET, path: "/v1/\(kind.projectsSegment)/\(Self.escape(id))", safety: .idempotent)
        var project = try decode(Project.self, from: response)
        project.kind = kind
        return project
    }

    /// The account's balance and tier (`GET /v1/account`).
    /// - Throws: ``MagicHourError``.
    public func account() async throws -> Account {
        let response = try await send(.GET, path: "/v1/account", safety: .idempotent)
        return try decode(Account.self, from: response)
    }

    /// Deletes a project's rendered output for good (`DELETE /v1/<kind>-projects/{id}`).
    /// - Throws: ``MagicHourError``.
    public func deleteProject(id: String, kind: ProjectKind = .video) async throws {
        _ = try await send(.DELETE, path: "/v1/\(kind.projectsSegment)/\(Self.escape(id))", safety: .idempotent)
    }

    // MARK: - Coding

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = ISODate.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
        }
        return decoder
    }

    func decode<T: Decodable>(_ type: T.Type, from response: APIResponse) throws -> T {
        do {
            return try Self.makeDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw MagicHourError.invalidResponse("\(T.self) from \(response.request): \(error)")
        }
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
    }
}
