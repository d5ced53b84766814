import Foundation
import Logging

/// Routes the Magic Hour client's retry records into the run's own display, so that they read
/// like the run's other lines (timestamped text, a line above the live board, or a JSON `note`)
/// instead of swift-log's default format: `retry: POST /v1/image-to-video: Magic Hour answered
/// 429; retrying (attempt 1, next in 1.0s)`.
struct RetryLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice
    var metadataProvider: Logger.MetadataProvider?
    let display: any RunDisplay

    init(display: any RunDisplay) {
        self.display = display
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        display.note(Self.line(event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    /// `retry: REQUEST: MESSAGE (attempt N, next in 0.9s)`; the delay rounded to a tenth of a second.
    static func line(_ message: String, metadata: Logger.Metadata) -> String {
        var line = "retry: "
        if case .string(let request)? = metadata["request"] {
            line += request + ": "
        } else if case .string(let project)? = metadata["project"] {
            line += "project \(project): "
        }
        line += message
        var details: [String] = []
        if case .string(let attempt)? = metadata["attempt"] { details.append("attempt \(attempt)") }
        if case .string(let delay)? = metadata["delay"] { details.append("next in " + rounded(delay)) }
        return details.isEmpty ? line : line + " (" + details.joined(separator: ", ") + ")"
    }

    /// `0.9714150489268549 seconds` → `1.0s`; anything else as it is.
    static func rounded(_ delay: String) -> String {
        let number = delay.split(separator: " ").first.flatMap { Double($0) }
        guard let number, delay.hasSuffix(" seconds") || delay.hasSuffix(" second") else { return delay }
        return String(format: "%.1fs", number)
    }
}
