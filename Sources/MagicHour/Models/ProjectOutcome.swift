/// How a wait for a project ended.
public enum ProjectOutcome: Sendable, Equatable {
    /// Rendered; `project.downloads` holds the output URLs.
    case complete(Project)
    /// The render failed with the API's error code and message; its credits were refunded.
    case failed(code: String, message: String, project: Project)
    /// Canceled (e.g. from the web app); no webhook fires for this, only polling sees it.
    case canceled(Project)

    /// The project as last seen.
    public var project: Project {
        switch self {
        case .complete(let project), .canceled(let project): project
        case .failed(_, _, let project): project
        }
    }
}
