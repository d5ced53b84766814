/// Why a report could not be made. Every message says what to do.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No run with this id in the state store.
    case runNotFound(id: String, storePath: String)
    /// The state store holds no run (of this pipeline, when one is named).
    case noRuns(pipeline: String?, storePath: String)
    /// Reading the state store failed.
    case store(reason: String)
    /// The report file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .runNotFound(let id, let storePath):
            "no run with id '\(id)' in the state store \(storePath); `pipeline runs` lists the runs it holds"
        case .noRuns(let pipeline, let storePath):
            if let pipeline {
                "the state store \(storePath) holds no run of pipeline '\(pipeline)' yet: run it first"
            } else {
                "the state store \(storePath) holds no run yet: run a pipeline first"
            }
        case .store(let reason):
            "cannot read the state store: \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write the report \(path): \(reason). Check that its folder exists and is writable, or choose another path with -o."
        }
    }
}
