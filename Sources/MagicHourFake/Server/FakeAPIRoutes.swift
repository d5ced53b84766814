import Foundation
import MagicHourRules
import Hummingbird
import Logging
import NIOCore
import _NIOFileSystem

/// The fake's HTTP routes. Every request goes through ``serve(_:_:_:authorized:handler:)``: count
/// it, inject its fault, check the bearer token, then handle it.
struct FakeAPIRoutes: Sendable {
    let account: FakeAccount
    let token: String
    let fallbackBaseURL: String
    let maxUploadBytes: Int64
    /// What `default` and an unset resolution mean to this account.
    let tier: AccountTier

    func register(on router: Router<FakeRequestContext>) {
        router.add(middleware: JSONErrorMiddleware())
        router.post("/v1/files/upload-urls") { request, context in
            try await serve(.uploadURLs, request, context) { request, _ in try await uploadURLs(request) }
        }
        router.put("/_uploads/api-assets/:asset/:file") { request, context in
            try await serve(.upload, request, context, authorized: false) { request, _ in
                try await upload(request, context)
            }
        }
        router.post("/v1/image-to-video") { request, context in
            try await serve(.createImageToVideo, request, context) { request, _ in
                try await create(request) { object in
                    let parsed = try ImageToVideoBody(object, tier: tier)
                    let (id, credits) = try await account.create(
                        parsed, canonicalBody: RequestBodyParser.canonical(object))
                    return FakeResponses.json(
                        GenerationCreateResponse(id: id, creditsCharged: credits, kind: .video))
                }
            }
        }
        // One route per generation endpoint, all served from its catalog entry; every create
        // is the `create` route for faults (FakeRoute), counted under its own path.
        for endpoint in EndpointCatalog.endpoints {
            router.post(RouterPath(endpoint.path)) { request, context in
                try await serve(.create, request, context, path: "POST \(endpoint.path)") { request, _ in
                    try await create(request) { object in
                        let parsed = try GenerationBody(object, endpoint: endpoint, tier: tier)
                        let (id, credits) = try await account.createGeneration(
                            parsed, canonicalBody: RequestBodyParser.canonical(object))
                        return FakeResponses.json(
                            GenerationCreateResponse(id: id, creditsCharged: credits, kind: endpoint.kind))
                    }
                }
            }
        }
        for kind in ProjectKind.allCases {
            registerProjects(of: kind, on: router)
        }
        router.get("/_videos/:id/:file") { request, context in
            try await serve(.download, request, context, authorized: false) { request, fault in
                try await download(request, context, fault: fault)
            }
        }
        router.get("/v1/account") { request, context in
            try await serve(.account, request, context) { _, _ in FakeResponses.json(await account.accountJSON()) }
        }
        router.get("/_fake/stats") { request, context in
            try await serve(.stats, request, context, authorized: false) { _, _ in
                FakeResponses.json(await account.snapshot())
            }
        }
    }

    /// `GET` and `DELETE /v1/<kind>-projects/{id}`: the `getProject` and `deleteProject` routes
    /// for faults whatever the kind, counted under their own path; 404 for an id of another kind.
    private func registerProjects(of kind: ProjectKind, on router: Router<FakeRequestContext>) {
        let path = "/v1/\(kind.projectsSegment)/{id}"
        let counted = kind == .video ? nil : (get: "GET \(path)", delete: "DELETE \(path)")
        router.get(RouterPath("/v1/\(kind.projectsSegment)/:id")) { request, context in
            try await serve(.getProject, request, context, path: counted?.get) { request, _ in
                let id = context.parameters.get("id") ?? ""
                guard let project = await account.projectJSON(id, kind: kind, baseURL: baseURL(of: request)) else {
                    return FakeResponses.error(404, "Not Found")
                }
                return FakeResponses.json(project)
            }
        }
        router.delete(RouterPath("/v1/\(kind.projectsSegment)/:id")) { request, context in
            try await serve(.deleteProject, request, context, path: counted?.delete) { _, _ in
                guard await account.delete(context.parameters.get("id") ?? "", kind: kind) else {
                    return FakeResponses.error(404, "Not Found")
                }
                return Response(status: .noContent)
            }
        }
    }

    /// Counts the request (under `path`, else the route's name), applies its fault, checks the
    /// token, runs `handler`.
    private func serve(
        _ route: FakeRoute,
        _ request: Request,
        _ context: FakeRequestContext,
        authorized: Bool = true,
        path: String? = nil,
        handler: (Request, FakeFault?) async throws -> Response
    ) async throws -> Response {
        let fault = await account.begin(route, path: path)
        switch fault {
        case .status(let status, let retryAfter)?:
            return FakeResponses.error(status, FakeResponses.message(for: status), retryAfter: retryAfter)
        case .dropConnection?:
            context.channel.close(promise: nil)
            throw ConnectionDropped()
        case .delay(let delay)?:
            try await Task.sleep(for: delay)
        case .echoAuthorization?:
            return FakeResponses.echoingAuthorization(request.headers[.authorization] ?? "")
        default:
            break
        }
        if !authorized, route != .stats, request.headers[.authorization] != nil {
            await account.noteAuthorizationOnPresignedURL()
        }
        if authorized, request.headers[.authorization] != "Bearer \(token)" {
            return FakeResponses.error(401, "Unauthorized")
        }
        let response = try await handler(request, fault)
        if fault == .dropAfterProcessing {
            context.channel.close(promise: nil)
            throw ConnectionDropped()
        }
        return response
    }

    /// `http://<Host header>`, so that URLs handed out work however the fake was reached.
    private func baseURL(of request: Request) -> String {
        if let authority = request.head.authority, !authority.isEmpty {
            return "http://\(authority)"
        }
        return fallbackBaseURL
    }

    private func body(of request: Request) async throws(ValidationFailure) -> [String: JSONValue] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 1 << 20)
        } catch {
            throw .badRequest("Request body too large")
        }
        return try RequestBodyParser.object(from: Array(buffer.readableBytesView))
    }

    private func uploadURLs(_ request: Request) async throws -> Response {
        do {
            let parsed = try UploadURLsBody(try await body(of: request))
            let uploads = await account.createUploads(parsed)
            let base = baseURL(of: request)
            let items = uploads.map { upload in
                [
                    "upload_url": "\(base)/_uploads/\(upload.filePath)?token=\(upload.token)",
                    "expires_at": ProjectJSON.timestamp(upload.expiresAt),
                    "file_path": upload.filePath,
                ]
            }
            return FakeResponses.json(["items": items])
        } catch {
            return FakeResponses.error(error)
        }
    }

    /// A create of any endpoint: counted in flight, delayed by `createDelay`, its body parsed
    /// and handed to `answer`; a ``ValidationFailure`` becomes its `{"message"}` answer.
    private func create(
        _ request: Request, answer: ([String: JSONValue]) async throws -> Response
    ) async throws -> Response {
        let delay = await account.createBegan()
        if delay > .zero { try? await Task.sleep(for: delay) }
        let response: Response
        do {
            response = try await answer(try await body(of: request))
        } catch let failure as ValidationFailure {
            response = FakeResponses.error(failure)
        } catch {
            await account.createEnded()
            throw error
        }
        await account.createEnded()
        return response
    }

    private func upload(_ request: Request, _ context: FakeRequestContext) async throws -> Response {
        let filePath = "api-assets/\(context.parameters.get("asset") ?? "")/\(context.parameters.get("file") ?? "")"
        let slot: FakeUpload
        switch await account.uploadSlot(filePath: filePath, token: request.uri.queryParameters.get("token")) {
        case .success(let upload): slot = upload
        case .failure(let failure): return FakeResponses.error(failure)
        }
        guard let length = request.headers[.contentLength].flatMap({ Int64($0) }) else {
            return FakeResponses.error(411, "Content-Length required")
        }
        guard length <= maxUploadBytes else { return FakeResponses.error(413, "File too large") }
        var fingerprint = Fingerprint()
        var received: Int64 = 0
        try await FileSystem.shared.withFileHandle(
            forWritingAt: FilePath(slot.storedAt), options: .newFile(replaceExisting: true)
        ) { handle in
            var writer = handle.bufferedWriter(capacity: .mebibytes(1))
            for try await chunk in request.body {
                received += Int64(chunk.readableBytes)
                fingerprint.update(chunk.readableBytesView)
                try await writer.write(contentsOf: chunk)
            }
            try await writer.flush()
        }
        guard received == length else { return FakeResponses.error(400, "Body shorter than Content-Length") }
        await account.uploadCompleted(filePath: filePath, fingerprint: fingerprint.value)
        return Response(status: .ok, headers: [.contentLength: "0"])
    }

    private func download(
        _ request: Request, _ context: FakeRequestContext, fault: FakeFault?
    ) async throws
        -> Response
    {
        if fault == .expireURL { return FakeResponses.error(403, "Request has expired") }
        let projectID = context.parameters.get("id") ?? ""
        let name = context.parameters.get("file") ?? ""
        let token = request.uri.queryParameters.get("token")
        let file: (path: String, size: Int64, contentType: String)
        switch await account.downloadFile(projectID: projectID, name: name, token: token) {
        case .success(let found): file = found
        case .failure(let failure): return FakeResponses.error(failure)
        }
        let limit = fault == .truncateBody ? file.size / 2 : file.size
        let channel = context.channel
        let account = self.account
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType, .contentLength: "\(file.size)"],
            body: ResponseBody(contentLength: Int(file.size)) { writer in
                try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file.path)) { handle in
                    // A throttled body goes out in 64 KiB chunks, each after the time its rate gives it.
                    var pause: Duration?
                    if case .throttleBody(let rate)? = fault {
                        pause = .seconds(Double(64 << 10) / Double(max(1, rate)))
                    }
                    let chunkLength: ByteCount = pause == nil ? .kibibytes(512) : .kibibytes(64)
                    for try await chunk in handle.readChunks(in: 0..<limit, chunkLength: chunkLength) {
                        if let pause { try await Task.sleep(for: pause) }
                        try await writer.write(chunk)
                    }
                }
                if limit < file.size {
                    channel.close(promise: nil)
                    throw ConnectionDropped()
                }
                try await writer.finish(nil)
                await account.downloadCompleted()
            })
    }
}
