import MagicHourRules

import Foundation

/// A project inside the fake: an image-to-video project (``endpoint`` `nil`), or a project of a
/// generation endpoint of `EndpointCatalog` (any kind), whose output ``job`` describes.
struct FakeProject: Sendable, Codable {
    /// The source of the video's frames.
    enum Source: Sendable, Codable {
        /// An uploaded file.
        case upload(path: String, fingerprint: UInt64)
        /// A URL the fake cannot fetch (it renders a test pattern instead).
        case url(String)
    }

    /// Where the encode stands.
    enum Video: Sendable, Codable {
        case pending
        case ready(path: String, size: Int64)
        case failed(String)
    }

    var id: String
    var name: String
    var createdAt: Date
    /// When rendering started, by the wall clock (it survives a restart of a persistent fake).
    var startedAt: Date
    /// How long it renders, in seconds (`nil` in state files of older fakes: the configuration's).
    var renderSeconds: Double?
    var resolution: VideoResolution
    var endSeconds: Double
    /// What the create answer charged (the estimate).
    var credits: Int
    /// What the project finally cost, set when it completes (`nil` before, and in state files
    /// of older fakes).
    var finalCredits: Int?
    /// Whether the video has a soundtrack (`nil` in state files of older fakes: no).
    var audio: Bool?
    var refunded: Bool = false
    var fate: ProjectFate
    var source: Source
    var video: Video = .pending
    var enabled: Bool = true
    var failure: ProjectFailure?
    /// The generation endpoint's id (`ai-image-generator`); `nil`: image-to-video (and state
    /// files of older fakes).
    var endpoint: String?
    /// What to render for a generation endpoint's project; `nil` for image-to-video.
    var job: OutputJob?
    /// The files a generation endpoint's project downloads, once rendered (`video` is then
    /// `.ready` with the first).
    var outputs: [RenderedFile]?

    /// Video, image or audio project (image-to-video and older state files: video).
    var kind: ProjectKind { job?.kind ?? .video }
}

/// The `error` object of a failed project.
struct ProjectFailure: Sendable, Codable {
    var code: String
    var message: String
}
