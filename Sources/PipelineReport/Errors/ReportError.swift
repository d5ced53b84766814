/// Why a report could not be made. Every message says what to do.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Reading the state store failed.
    case store(reason: String)
    /// The report file could not be written.
    case cannotWrite(path: String, reason: String)

    package var description: String {
        switch self {
        case .store(let reason):
            "cannot read the state store: \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write the report \(path): \(reason). Check that its folder exists and is writable, or choose another path with -o."
        }
    }
}
