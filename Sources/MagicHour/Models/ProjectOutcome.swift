/// How a wait for a project ended.
public enum ProjectOutcome: Sendable, Equatable {
    /// Rendered; `project.downloads` holds the output URLs.
    case complete(VideoProject)
    /// The render failed with the API's error code and message; its credits were refunded.
    case failed(code: String, message: String, project: VideoProject)
    /// Canceled (e.g. from the web app); no webhook fires for this, only polling sees it.
    case canceled(VideoProject)

    /// The project as last seen.
    public var project: VideoProject {
        switch self {
        case .complete(let project), .canceled(let project): project
        case .failed(_, _, let project): project
        }
    }
}
