import Foundation
import MagicHourRules
import PipelineMedia

extension FakeAccount {
    /// Checks the files of a generation request, charges it and creates its project; returns
    /// `(id, credits)`. Counted in the stats as image-to-video's (`projectsCreatedPerBody`
    /// keyed by `<path> <canonical body>`).
    func createGeneration(_ body: GenerationBody, canonicalBody: String) throws(ValidationFailure) -> (String, Int) {
        let endpoint = body.endpoint
        if endpoint.kind == .video, let text = body.values["resolution"]?.text,
            let resolution = VideoResolution(rawValue: text), !configuration.allowedResolutions.contains(resolution)
        {
            throw .init(status: 403, message: "\(text) is not available on your plan")
        }
        let inputs = try uploadedInputs(of: body)
        let facts = endpoint.timedInput.flatMap { inputs[$0] }.map(Self.mediaFacts) ?? .unknown
        let credits = try charge(body, facts: facts)
        let now = Date()
        let job = OutputJob(body, inputs: inputs, facts: facts)
        let project = FakeProject(
            id: makeID(), name: body.name ?? "\(Self.title(of: endpoint)) - \(ProjectJSON.timestamp(now))",
            createdAt: now, startedAt: now,
            renderSeconds: configuration.renderTimes.seconds(
                ofProject: stats.projectsCreated, seed: configuration.seed),
            resolution: .p720, endSeconds: job.endSeconds, credits: credits, fate: faults.fate(using: &random),
            source: .url(endpoint.path), endpoint: endpoint.id, job: job)
        projects[project.id] = project
        stats.projectsCreated += 1
        stats.projectsCreatedPerBody["\(endpoint.path) \(canonicalBody)", default: 0] += 1
        stats.creditsCharged += credits
        if project.fate == .complete { startRender(project) }
        changedProjects.insert(project.id)
        persist()
        return (project.id, credits)
    }

    /// The length and frame rate of an uploaded timed input, as the fake charges by them (read
    /// by libavformat); unknown when the file cannot be read, so that prices fall back to the
    /// request's `end_seconds` and 24 fps, as `EndpointRules.cost` does.
    static func mediaFacts(of input: OutputJob.Input) -> MediaFacts {
        guard let info = try? MediaProbe.info(ofFile: input.path) else { return .unknown }
        return MediaFacts(durationSeconds: info.durationSeconds, framesPerSecond: info.framesPerSecond)
    }

    /// The catalog's price of the request; an unpriced one is charged the fake's own rate:
    /// ``FakeServerConfiguration/unpricedCreditsPerSecond`` per billed second of a video, else
    /// 50 per image (or per job). 402 (or the configured status) when the balance is short.
    private func charge(_ body: GenerationBody, facts: MediaFacts) throws(ValidationFailure) -> Int {
        let endpoint = body.endpoint
        let unpriced: Int
        switch endpoint.kind {
        case .video:
            let seconds = endpoint.billedSeconds(body.values, input: facts) ?? 0
            unpriced = Int((seconds * Double(configuration.unpricedCreditsPerSecond)).rounded(.up))
        case .image: unpriced = 50 * Int(body.values["image_count"]?.number ?? 1)
        case .audio: unpriced = 50
        }
        let credits =
            EndpointRules.cost(endpoint, body.values, input: facts, tier: configuration.tier)?.credits ?? unpriced
        guard credits <= balance else {
            throw configuration.outOfCreditsStatus == 422
                ? .unprocessable("Not enough credits") : .init(status: 402, message: "Payment required")
        }
        changeBalance(by: -credits)
        return credits
    }

    /// The uploads the request's file fields name, by parameter; 422 for a path never uploaded
    /// (or whose PUT did not complete) and for a URL without an extension of the field's kind.
    /// URLs are accepted but not fetched (absent from the result).
    private func uploadedInputs(of body: GenerationBody) throws(ValidationFailure) -> [String: OutputJob.Input] {
        var inputs: [String: OutputJob.Input] = [:]
        for (field, path) in body.files {
            guard let media = field.media else { continue }
            if Self.isURL(path) {
                guard media.uploadExtensions.contains(Self.urlExtension(path)) else {
                    throw .unprocessable(
                        "\(field.dottedPath) must be a URL of a \(media.rawValue) file with a supported extension")
                }
                continue
            }
            guard let upload = uploads[path], let fingerprint = upload.fingerprint else {
                throw .unprocessable("\(field.dottedPath) '\(path)' was never uploaded")
            }
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard media.uploadExtensions.contains(ext) else {
                throw .unprocessable("\(field.dottedPath) '\(path)' is not a \(media.rawValue) file")
            }
            inputs[field.parameter] = OutputJob.Input(path: upload.storedAt, fingerprint: fingerprint, media: media)
        }
        return inputs
    }

    /// The extension of a URL's last path segment, lower case (`""` when it has none).
    static func urlExtension(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first ?? ""
        let last = path.split(separator: "/").last ?? ""
        guard let dot = last.lastIndex(of: ".") else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    /// `Ai Image Generator` from `ai-image-generator`: the default project name's start.
    static func title(of endpoint: GenerationEndpoint) -> String {
        endpoint.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// A generation project's GET answer (``projectJSON(_:kind:baseURL:)``).
    static func answer(
        _ project: FakeProject, job: OutputJob, status: String, credits: Int, downloads: [ProjectJSON.Download]
    ) -> ProjectAnswer {
        let type = project.endpoint.flatMap { EndpointCatalog[id: $0]?.projectType } ?? "UNKNOWN"
        let created = ProjectJSON.timestamp(project.createdAt)
        switch job.kind {
        case .video:
            return .video(
                ProjectJSON(
                    id: project.id, name: project.name, status: status, type: type, createdAt: created,
                    width: job.width, height: job.height, enabled: project.enabled, startSeconds: job.startSeconds,
                    endSeconds: job.endSeconds, creditsCharged: credits, fps: Double(job.fps), error: project.failure,
                    downloads: downloads))
        case .image, .audio:
            return .media(
                MediaProjectJSON(
                    id: project.id, name: project.name, status: status,
                    imageCount: job.kind == .image ? job.count : nil, type: type, createdAt: created,
                    enabled: project.enabled, creditsCharged: credits, downloads: downloads, error: project.failure))
        }
    }
}
