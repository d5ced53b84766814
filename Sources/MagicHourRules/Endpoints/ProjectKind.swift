/// The three kinds of Magic Hour project: where a job is polled and what it downloads.
public enum ProjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    case video
    case image
    case audio

    /// `video-projects`, `image-projects` or `audio-projects`: the path segment of GET and DELETE.
    public var projectsSegment: String { "\(rawValue)-projects" }

    /// The media a project of this kind downloads.
    public var media: MediaKind {
        switch self {
        case .video: .video
        case .image: .image
        case .audio: .audio
        }
    }
}
