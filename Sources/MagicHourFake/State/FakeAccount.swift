import Logging
import MagicHourRules
import Foundation
import PipelineBasics

/// Everything the fake remembers: the balance, uploads, projects, URL tokens, faults and counters.
/// One actor, so that charges, refunds and stats never race.
actor FakeAccount {
    let configuration: FakeServerConfiguration
    private let renderer: VideoRenderer
    /// Renders the outputs of the generation endpoints' projects.
    private let outputs: OutputRenderer
    private let uploadDirectory: String
    var random: SeededGenerator
    var faults: FaultInjector
    private(set) var balance: Int
    private(set) var uploads: [String: FakeUpload] = [:]
    private var uploadTokens: [String: String] = [:]
    var projects: [String: FakeProject] = [:]
    private var downloadTokens: [String: DownloadGrant] = [:]
    private var renders: [String: Task<Void, Never>] = [:]
    var stats: FakeStats
    private var createsInFlight = 0
    /// Where a persistent fake keeps its state; `nil` when it forgets at stop.
    private let store: FakeAccountStore?
    private let logger: Logger
    // What changed since the last write, merged into the file then (other fakes may share it).
    var changedProjects: Set<String> = []
    private var changedUploads: Set<String> = []
    private var changedDownloadTokens: Set<String> = []
    private var balanceChange = 0

    /// Loads the state a persistent fake (`store`) saved, if any.
    init(
        configuration: FakeServerConfiguration, renderer: VideoRenderer, outputs: OutputRenderer,
        uploadDirectory: String,
        store: FakeAccountStore? = nil, logger: Logger = Logger(label: "magic-hour-fake")
    ) throws(FakeStateError) {
        self.configuration = configuration
        self.renderer = renderer
        self.outputs = outputs
        self.uploadDirectory = uploadDirectory
        self.store = store
        self.logger = logger
        // A persistent fake must not hand out the ids of an earlier run again.
        self.random = SeededGenerator(
            seed: store == nil ? configuration.seed : configuration.seed ^ UInt64.random(in: 0...UInt64.max))
        self.faults = FaultInjector(rates: configuration.faults)
        self.stats = FakeStats(
            projectsCreated: 0, projectsCreatedPerBody: [:], creditsCharged: 0, creditsRefunded: 0,
            balance: configuration.balance, requestsPerRoute: [:], uploadsCompleted: 0, downloadsCompleted: 0,
            faultsInjected: [:], videosEncoded: 0, presignedRequestsWithAuthorization: 0,
            videoEncoder: renderer.encoderName)
        var saved: FakeAccountFile?
        if let store { saved = try store.locked { () throws(FakeStateError) in try store.load() } }
        self.balance = saved?.balance ?? configuration.balance
        self.stats.balance = balance
        guard let saved else { return }
        uploads = saved.uploads
        for upload in saved.uploads.values { uploadTokens[upload.token] = upload.filePath }
        var loaded = saved.projects
        for (id, project) in saved.projects {
            // A video deleted from the folder is rendered again, as if it was never made.
            if case .ready(let path, _) = project.video, !FileManager.default.fileExists(atPath: path) {
                loaded[id]?.video = .pending
            }
        }
        projects = loaded
        downloadTokens = saved.downloadTokens
    }

    /// Starts again the renders a stopped persistent fake left unfinished.
    func resumeRenders() {
        for project in projects.values where project.fate == .complete && renders[project.id] == nil {
            if case .pending = project.video { startRender(project) }
        }
    }

    // MARK: Persistence

    /// Writes what changed into the state file (a persistent fake only), merged with what other
    /// fakes sharing the folder wrote, and takes their projects and balance in.
    func persist() {
        guard let store,
            balanceChange != 0 || !changedProjects.isEmpty || !changedUploads.isEmpty
                || !changedDownloadTokens.isEmpty
        else { return }
        do {
            let merged = try store.locked { () throws(FakeStateError) -> FakeAccountFile in
                var file = try store.load() ?? FakeAccountFile(balance: configuration.balance)
                file.balance += balanceChange
                for id in changedProjects { file.projects[id] = projects[id] }
                for path in changedUploads { file.uploads[path] = uploads[path] }
                for token in changedDownloadTokens { file.downloadTokens[token] = downloadTokens[token] }
                let now = Date()
                file.downloadTokens = file.downloadTokens.filter { $0.value.expiresAt > now }
                try store.write(file)
                return file
            }
            balance = merged.balance
            for (id, project) in merged.projects where projects[id] == nil { projects[id] = project }
            for (path, upload) in merged.uploads where uploads[path] == nil {
                uploads[path] = upload
                uploadTokens[upload.token] = path
            }
            for (token, grant) in merged.downloadTokens where downloadTokens[token] == nil {
                downloadTokens[token] = grant
            }
            changedProjects = []
            changedUploads = []
            changedDownloadTokens = []
            balanceChange = 0
        } catch {
            logger.error("the simulated API could not save its state", metadata: ["error": "\(error)"])
        }
    }

    func changeBalance(by credits: Int) {
        balance += credits
        balanceChange += credits
    }

    // MARK: Requests and faults

    /// Counts a request (under `path`, else the route's name) and returns the fault to inject
    /// into it, if any (drawn for `route`).
    func begin(_ route: FakeRoute, path: String? = nil) -> FakeFault? {
        stats.requestsPerRoute[path ?? route.rawValue, default: 0] += 1
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
        changeBalance(by: credits - balance)
        persist()
    }

    /// What `GET /v1/account` answers: the balance as it stands (credits charged are gone from it,
    /// refunds are back), and the tier.
    func accountJSON() -> AccountJSON {
        let now = Date()
        for id in projects.keys { settle(id, now: now) }
        return AccountJSON(
            id: "fake-account", email: "fake@example.invalid", credits: balance, tier: configuration.tier.rawValue,
            subscription: .plan(
                tier: configuration.tier.rawValue, periodEnd: ProjectJSON.timestamp(now.addingTimeInterval(30 * 86_400))
            ))
    }

    func snapshot() async -> FakeStats {
        let encoded = await renderer.encodes
        let now = Date()
        for id in projects.keys { settle(id, now: now) }
        persist()
        var copy = stats
        copy.balance = balance
        copy.videosEncoded = encoded
        return copy
    }

    func cancelRenders() async {
        for task in renders.values { task.cancel() }
        await renderer.cancelAll()
        await outputs.cancelAll()
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
        let created = body.items.map { item in
            let id = makeID()
            let name = item.type == "image" ? "image" : item.type
            let upload = FakeUpload(
                filePath: "api-assets/\(id)/\(name).\(item.fileExtension)",
                token: makeToken(),
                expiresAt: Date().addingTimeInterval(configuration.uploadURLExpiry.seconds),
                storedAt: "\(uploadDirectory)/\(id).\(item.fileExtension)")
            uploads[upload.filePath] = upload
            uploadTokens[upload.token] = upload.filePath
            changedUploads.insert(upload.filePath)
            return upload
        }
        defer { persist() }
        return created
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
        changedUploads.insert(filePath)
        persist()
    }

    // MARK: Projects

    /// A create call arrived: counted in flight until ``createEnded()``; returns how long it takes.
    func createBegan() -> Duration {
        createsInFlight += 1
        stats.maxCreatesInFlight = max(stats.maxCreatesInFlight, createsInFlight)
        return configuration.createDelay
    }

    /// A create call was answered.
    func createEnded() {
        createsInFlight -= 1
    }

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
        changeBalance(by: -credits)
        let now = Date()
        let project = FakeProject(
            id: makeID(),
            name: body.name ?? "Image To Video - \(ProjectJSON.timestamp(now))",
            createdAt: now, startedAt: now,
            renderSeconds: configuration.renderTimes.seconds(
                ofProject: stats.projectsCreated, seed: configuration.seed),
            resolution: body.resolution, endSeconds: body.endSeconds,
            credits: credits, audio: body.hasAudio, fate: faults.fate(using: &random), source: source)
        projects[project.id] = project
        stats.projectsCreated += 1
        stats.projectsCreatedPerBody[canonicalBody, default: 0] += 1
        stats.creditsCharged += credits
        if project.fate == .complete { startRender(project) }
        changedProjects.insert(project.id)
        persist()
        return (project.id, credits)
    }

    func startRender(_ project: FakeProject) {
        let renderer = self.renderer
        if let job = project.job {
            let outputs = self.outputs
            renders[project.id] = Task {
                let outcome = await outputs.render(job)
                self.rendered(project.id, files: outcome)
            }
            return
        }
        renders[project.id] = Task {
            let outcome = await renderer.video(
                for: project.source, resolution: project.resolution, seconds: project.endSeconds,
                audio: project.audio ?? false)
            self.rendered(project.id, outcome)
        }
    }

    private func rendered(_ id: String, _ outcome: VideoRenderer.Outcome) {
        renders[id] = nil
        switch outcome {
        case .success(let video): projects[id]?.video = .ready(path: video.path, size: video.size)
        case .failure(let failure): projects[id]?.video = .failed(failure.message)
        }
        changedProjects.insert(id)
        persist()
    }

    private func rendered(_ id: String, files outcome: OutputRenderer.Outcome) {
        renders[id] = nil
        switch outcome {
        case .success(let files):
            projects[id]?.outputs = files
            projects[id]?.video = files.first.map { .ready(path: $0.path, size: $0.size) } ?? .failed("No output")
        case .failure(let failure): projects[id]?.video = .failed(failure.message)
        }
        changedProjects.insert(id)
        persist()
    }

    static func isURL(_ path: String) -> Bool {
        path.hasPrefix("http://") || path.hasPrefix("https://")
    }

    /// Adds a project that is already complete and serves `file` as its output.
    func addCompletedProject(file: String, size: Int64, resolution: VideoResolution, endSeconds: Double) -> String {
        let now = Date()
        var project = FakeProject(
            id: makeID(), name: "Benchmark output", createdAt: now,
            startedAt: now.addingTimeInterval(-configuration.renderTime.seconds - 1),
            resolution: resolution, endSeconds: endSeconds, credits: 0, fate: .complete, source: .url(file))
        project.video = .ready(path: file, size: size)
        projects[project.id] = project
        changedProjects.insert(project.id)
        persist()
        return project.id
    }

    /// The project of `kind` as JSON, with fresh download URLs when complete; `nil` when unknown
    /// or of another kind.
    func projectJSON(_ id: String, kind: ProjectKind = .video, baseURL: String) -> ProjectAnswer? {
        settle(id, now: Date())
        persist()
        guard let project = projects[id], project.kind == kind else { return nil }
        let status = status(of: project, now: Date())
        var downloads: [ProjectJSON.Download] = []
        if status == "complete", project.enabled {
            let names = project.outputs?.map(\.name) ?? ["output.mp4"]
            let expiresAt = Date().addingTimeInterval(configuration.downloadURLExpiry.seconds)
            for name in names {
                let token = makeToken()
                downloadTokens[token] = DownloadGrant(projectID: id, expiresAt: expiresAt)
                changedDownloadTokens.insert(token)
                downloads.append(
                    .init(
                        url: "\(baseURL)/_videos/\(id)/\(name)?token=\(token)",
                        expiresAt: ProjectJSON.timestamp(expiresAt)))
            }
            persist()
        }
        let credits = project.refunded ? 0 : project.finalCredits ?? project.credits
        guard let job = project.job else {
            let (width, height) = project.resolution.frameSize
            return .video(
                ProjectJSON(
                    id: project.id, name: project.name, status: status,
                    createdAt: ProjectJSON.timestamp(project.createdAt), width: width, height: height,
                    enabled: project.enabled, endSeconds: project.endSeconds, creditsCharged: credits,
                    fps: Double(project.resolution.framesPerSecond), error: project.failure, downloads: downloads))
        }
        return Self.answer(project, job: job, status: status, credits: credits, downloads: downloads)
    }

    /// Deletes a project's output; `false` when unknown or of another kind.
    func delete(_ id: String, kind: ProjectKind = .video) -> Bool {
        guard projects[id]?.kind == kind else { return false }
        settle(id, now: Date())
        projects[id]?.enabled = false
        changedProjects.insert(id)
        persist()
        return true
    }

    /// The file a download URL serves (`name`: the URL's last segment), or the status to answer
    /// (403 expired/bad token, 404 gone or no such file).
    func downloadFile(
        projectID: String, name: String, token: String?
    ) -> Result<(path: String, size: Int64, contentType: String), ValidationFailure> {
        guard let token, let grant = downloadTokens[token], grant.projectID == projectID else {
            return .failure(.init(status: 403, message: "Forbidden"))
        }
        guard grant.expiresAt > Date() else { return .failure(.init(status: 403, message: "Request has expired")) }
        guard let project = projects[projectID], project.enabled, case .ready(let path, let size) = project.video
        else { return .failure(.init(status: 404, message: "Not Found")) }
        guard let outputs = project.outputs else { return .success((path, size, "video/mp4")) }
        guard let file = outputs.first(where: { $0.name == name }) else {
            return .failure(.init(status: 404, message: "Not Found"))
        }
        return .success((file.path, file.size, file.contentType))
    }

    func downloadCompleted() {
        stats.downloadsCompleted += 1
    }

    // MARK: Lifecycle

    private func status(of project: FakeProject, now: Date) -> String {
        let elapsed = now.timeIntervalSince(project.startedAt)
        let renderSeconds = project.renderSeconds ?? configuration.renderTime.seconds
        if elapsed < renderSeconds / 4 { return "queued" }
        if elapsed < renderSeconds { return "rendering" }
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

    /// Applies what the passing of time decided: the final cost of a completed project (the
    /// balance follows the correction), failure details and refunds.
    private func settle(_ id: String, now: Date) {
        guard var project = projects[id], !project.refunded else { return }
        let status = status(of: project, now: now)
        if status == "complete", project.finalCredits == nil {
            let final = Int((Double(project.credits) * configuration.finalCreditsFactor).rounded())
            project.finalCredits = final
            changeBalance(by: project.credits - final)
            projects[id] = project
            changedProjects.insert(id)
            return
        }
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
        changeBalance(by: project.credits)
        stats.creditsRefunded += project.credits
        projects[id] = project
        changedProjects.insert(id)
    }

    // MARK: Ids

    func makeID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "c" + String((0..<24).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    private func makeToken() -> String {
        String(random.next(), radix: 16) + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }
}
