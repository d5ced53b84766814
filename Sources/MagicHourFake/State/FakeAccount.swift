import Logging
import MagicHourRules
import Foundation

/// Everything the fake remembers: the balance, uploads, projects, URL tokens, faults and counters.
/// One actor, so that charges, refunds and stats never race.
actor FakeAccount {
    private let configuration: FakeServerConfiguration
    private let renderer: VideoRenderer
    private let uploadDirectory: String
    private var random: SeededGenerator
    private var faults: FaultInjector
    private var balance: Int
    private var uploads: [String: FakeUpload] = [:]
    private var uploadTokens: [String: String] = [:]
    private var projects: [String: FakeProject] = [:]
    private var downloadTokens: [String: (projectID: String, expiresAt: Date)] = [:]
    private var renders: [String: Task<Void, Never>] = [:]
    private var stats: FakeStats

    init(configuration: FakeServerConfiguration, renderer: VideoRenderer, uploadDirectory: String) {
        self.configuration = configuration
        self.renderer = renderer
        self.uploadDirectory = uploadDirectory
        self.random = SeededGenerator(seed: configuration.seed)
        self.faults = FaultInjector(rates: configuration.faults)
        self.balance = configuration.balance
        self.stats = FakeStats(
            projectsCreated: 0, projectsCreatedPerBody: [:], creditsCharged: 0, creditsRefunded: 0,
            balance: configuration.balance, requestsPerRoute: [:], uploadsCompleted: 0, downloadsCompleted: 0,
            faultsInjected: [:], videosEncoded: 0, presignedRequestsWithAuthorization: 0,
            videoEncoder: renderer.encoderName)
    }

    // MARK: Requests and faults

    /// Counts a request and returns the fault to inject into it, if any.
    func begin(_ route: FakeRoute) -> FakeFault? {
        stats.requestsPerRoute[route.rawValue, default: 0] += 1
        let fault = faults.next(for: route, using: &random)
        if let fault { stats.faultsInjected[Self.name(of: fault), default: 0] += 1 }
        return fault
    }

    func noteAuthorizationOnPresignedURL() {
        stats.presignedRequestsWithAuthorization += 1
    }

    func inject(_ fault: FakeFault, on route: FakeRoute, count: Int) {
        faults.inject(fault, on: route, count: count)
    }

    func schedule(_ fates: [ProjectFate]) {
        faults.schedule(fates)
    }

    func setFaultRates(_ rates: FaultRates) {
        faults.rates = rates
    }

    func setBalance(_ credits: Int) {
        balance = credits
    }

    /// What `GET /v1/account` answers: the balance as it stands (credits charged are gone from it,
    /// refunds are back), and the tier.
    func accountJSON() -> AccountJSON {
        let now = ContinuousClock.now
        for id in projects.keys { settle(id, now: now) }
        return AccountJSON(
            id: "fake-account", email: "fake@example.invalid", credits: balance, tier: configuration.tier,
            subscription: .init(status: "active", plan: configuration.tier))
    }

    func snapshot() async -> FakeStats {
        let encoded = await renderer.encodes
        let now = ContinuousClock.now
        for id in projects.keys { settle(id, now: now) }
        var copy = stats
        copy.balance = balance
        copy.videosEncoded = encoded
        return copy
    }

    func cancelRenders() async {
        for task in renders.values { task.cancel() }
        await renderer.cancelAll()
    }

    private static func name(of fault: FakeFault) -> String {
        switch fault {
        case .status(let status, let retryAfter): retryAfter == nil ? "\(status)" : "\(status)+retry-after"
        case .dropConnection: "drop"
        case .dropAfterProcessing: "drop-after-processing"
        case .delay: "slow"
        case .truncateBody: "truncate"
        case .throttleBody: "throttle"
        case .expireURL: "expire-url"
        case .echoAuthorization: "echo-authorization"
        }
    }

    // MARK: Uploads

    /// Hands out upload slots; returns `(upload token, file path, expiry)` per item.
    func createUploads(_ body: UploadURLsBody) -> [FakeUpload] {
        body.items.map { item in
            let id = makeID()
            let name = item.type == "image" ? "image" : item.type
            let upload = FakeUpload(
                filePath: "api-assets/\(id)/\(name).\(item.fileExtension)",
                token: makeToken(),
                expiresAt: Date().addingTimeInterval(configuration.uploadURLExpiry.seconds),
                storedAt: "\(uploadDirectory)/\(id).\(item.fileExtension)")
            uploads[upload.filePath] = upload
            uploadTokens[upload.token] = upload.filePath
            return upload
        }
    }

    /// The upload slot a PUT may fill, or the status to answer (403 bad/expired signature).
    func uploadSlot(filePath: String, token: String?) -> Result<FakeUpload, ValidationFailure> {
        guard let token, uploadTokens[token] == filePath, let upload = uploads[filePath] else {
            return .failure(.init(status: 403, message: "Forbidden"))
        }
        guard upload.expiresAt > Date() else { return .failure(.init(status: 403, message: "Request has expired")) }
        return .success(upload)
    }

    func uploadCompleted(filePath: String, fingerprint: UInt64) {
        uploads[filePath]?.fingerprint = fingerprint
        stats.uploadsCompleted += 1
    }

    // MARK: Projects

    /// Validates, charges and creates a project; returns `(id, credits)`.
    func create(_ body: ImageToVideoBody, canonicalBody: String) throws(ValidationFailure) -> (String, Int) {
        guard configuration.allowedResolutions.contains(body.resolution) else {
            throw .init(status: 403, message: "\(body.resolution.rawValue) is not available on your plan")
        }
        let source: FakeProject.Source
        if body.imageFilePath.hasPrefix("http://") || body.imageFilePath.hasPrefix("https://") {
            let ext =
                (body.imageFilePath.split(separator: "?").first.map(String.init) ?? "")
                .split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard UploadURLsBody.extensions["image", default: []].contains(ext) else {
                throw .unprocessable("assets.image_file_path must be an image URL with a supported extension")
            }
            source = .url(body.imageFilePath)
        } else {
            guard let upload = uploads[body.imageFilePath], let fingerprint = upload.fingerprint else {
                throw .unprocessable("assets.image_file_path '\(body.imageFilePath)' was never uploaded")
            }
            source = .upload(path: upload.storedAt, fingerprint: fingerprint)
        }
        if let end = body.endImageFilePath, !Self.isURL(end), uploads[end]?.fingerprint == nil {
            throw .unprocessable("assets.end_image_file_path '\(end)' was never uploaded")
        }
        // The catalog's price; a model without a published one is charged the fake's own rate.
        let credits =
            ImageToVideoRules.credits(body.request)
            ?? Int((body.endSeconds * Double(configuration.unpricedCreditsPerSecond)).rounded(.up))
        guard credits <= balance else {
            throw configuration.outOfCreditsStatus == 422
                ? .unprocessable("Not enough credits") : .init(status: 402, message: "Payment required")
        }
        balance -= credits
        let now = Date()
        let project = FakeProject(
            id: makeID(),
            name: body.name ?? "Image To Video - \(ProjectJSON.timestamp(now))",
            createdAt: now, started: .now, resolution: body.resolution, endSeconds: body.endSeconds,
            credits: credits, fate: faults.fate(using: &random), source: source)
        projects[project.id] = project
        stats.projectsCreated += 1
        stats.projectsCreatedPerBody[canonicalBody, default: 0] += 1
        stats.creditsCharged += credits
        if project.fate == .complete { startRender(project) }
        return (project.id, credits)
    }

    private func startRender(_ project: FakeProject) {
        let renderer = self.renderer
        renders[project.id] = Task {
            let outcome = await renderer.video(
                for: project.source, resolution: project.resolution, seconds: project.endSeconds)
            self.rendered(project.id, outcome)
        }
    }

    private func rendered(_ id: String, _ outcome: VideoRenderer.Outcome) {
        renders[id] = nil
        switch outcome {
        case .success(let video): projects[id]?.video = .ready(path: video.path, size: video.size)
        case .failure(let failure): projects[id]?.video = .failed(failure.message)
        }
    }

    private static func isURL(_ path: String) -> Bool {
        path.hasPrefix("http://") || path.hasPrefix("https://")
    }

    /// Adds a project that is already complete and serves `file` as its output.
    func addCompletedProject(file: String, size: Int64, resolution: VideoResolution, endSeconds: Double) -> String {
        let now = Date()
        var project = FakeProject(
            id: makeID(), name: "Benchmark output", createdAt: now,
            started: ContinuousClock.now.advanced(by: .zero - configuration.renderTime - .seconds(1)),
            resolution: resolution, endSeconds: endSeconds, credits: 0, fate: .complete, source: .url(file))
        project.video = .ready(path: file, size: size)
        projects[project.id] = project
        return project.id
    }

    /// The project as JSON, with fresh download URLs when complete; `nil` when unknown.
    func projectJSON(_ id: String, baseURL: String) -> ProjectJSON? {
        settle(id, now: .now)
        guard let project = projects[id] else { return nil }
        let status = status(of: project, now: .now)
        var downloads: [ProjectJSON.Download] = []
        if status == "complete", project.enabled {
            let token = makeToken()
            let expiresAt = Date().addingTimeInterval(configuration.downloadURLExpiry.seconds)
            downloadTokens[token] = (id, expiresAt)
            downloads.append(
                .init(
                    url: "\(baseURL)/_videos/\(id)/output.mp4?token=\(token)",
                    expiresAt: ProjectJSON.timestamp(expiresAt)))
        }
        let (width, height) = project.resolution.frameSize
        return ProjectJSON(
            id: project.id, name: project.name, status: status, createdAt: ProjectJSON.timestamp(project.createdAt),
            width: width, height: height, enabled: project.enabled, endSeconds: project.endSeconds,
            creditsCharged: project.refunded ? 0 : project.credits, fps: Double(project.resolution.framesPerSecond),
            error: project.failure, downloads: downloads)
    }

    /// Deletes a project's output; `false` when unknown.
    func delete(_ id: String) -> Bool {
        guard projects[id] != nil else { return false }
        settle(id, now: .now)
        projects[id]?.enabled = false
        return true
    }

    /// The file a download URL serves, or the status to answer (403 expired/bad token, 404 gone).
    func downloadFile(projectID: String, token: String?) -> Result<(path: String, size: Int64), ValidationFailure> {
        guard let token, let grant = downloadTokens[token], grant.projectID == projectID else {
            return .failure(.init(status: 403, message: "Forbidden"))
        }
        guard grant.expiresAt > Date() else { return .failure(.init(status: 403, message: "Request has expired")) }
        guard let project = projects[projectID], project.enabled, case .ready(let path, let size) = project.video
        else { return .failure(.init(status: 404, message: "Not Found")) }
        return .success((path, size))
    }

    func downloadCompleted() {
        stats.downloadsCompleted += 1
    }

    // MARK: Lifecycle

    private func status(of project: FakeProject, now: ContinuousClock.Instant) -> String {
        let elapsed = project.started.duration(to: now)
        if elapsed < configuration.renderTime / 4 { return "queued" }
        if elapsed < configuration.renderTime { return "rendering" }
        switch project.fate {
        case .error: return "error"
        case .canceled: return "canceled"
        case .complete:
            switch project.video {
            case .pending: return "rendering"
            case .ready: return "complete"
            case .failed: return "error"
            }
        }
    }

    /// Applies what the passing of time decided: failure details and refunds.
    private func settle(_ id: String, now: ContinuousClock.Instant) {
        guard var project = projects[id], !project.refunded else { return }
        let status = status(of: project, now: now)
        guard status == "error" || status == "canceled" else { return }
        if status == "error", project.failure == nil {
            switch (project.fate, project.video) {
            case (.error(let code, let message), _): project.failure = ProjectFailure(code: code, message: message)
            case (_, .failed(let message)):
                project.failure = ProjectFailure(code: "invalid_file_format", message: message)
            default: project.failure = ProjectFailure(code: "unknown_error", message: "The render failed")
            }
        }
        project.refunded = true
        balance += project.credits
        stats.creditsRefunded += project.credits
        projects[id] = project
    }

    // MARK: Ids

    private func makeID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "c" + String((0..<24).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    private func makeToken() -> String {
        String(random.next(), radix: 16) + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
