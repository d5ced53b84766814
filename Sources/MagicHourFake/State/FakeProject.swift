import MagicHourRules

import Foundation

/// A video project inside the fake.
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
}

/// The `error` object of a failed project.
struct ProjectFailure: Sendable, Codable {
    var code: String
    var message: String
}
