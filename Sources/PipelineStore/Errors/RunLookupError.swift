/// Why ``StateStore/findRun(_:pipeline:)`` found no single run. Each message says what to do.
public enum RunLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store holds no run (of `pipeline`, when one is named).
    case noRuns(pipeline: String?)
    /// No run id is, or starts with, `id`.
    case notFound(id: String)
    /// `prefix` starts several run ids (the first few are listed).
    case ambiguous(prefix: String, count: Int, examples: [String])

    public var description: String {
        switch self {
        case .noRuns(let pipeline):
            "no runs yet\(pipeline.map { " of \($0)" } ?? "")"
        case .notFound(let id):
            "no run '\(id)'; `pipeline runs` lists them"
        case .ambiguous(let prefix, let count, let examples):
            "'\(prefix)' matches \(count) runs (\(examples.joined(separator: ", "))…); give more of the id"
        }
    }
}
