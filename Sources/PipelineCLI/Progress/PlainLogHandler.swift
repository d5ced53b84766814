import Foundation
import Logging

/// swift-log handler for cron, CI and pipes: `2026-11-25T06:00:03+01:00 message`, one line per record.
struct PlainLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?
    let sink: OutputSink

    init(sink: OutputSink) {
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.write(HumanFormat.iso8601(Date()) + " " + Self.aligned(event) + "\n")
    }

    /// Task events in columns: the verb (`start`, `done`, `FAILED`…) padded to 6 characters,
    /// progress lines indented under the task names.
    static func aligned(_ event: LogEvent) -> String {
        let message = event.message.description
        guard case .string(let kind)? = event.metadata?["event"], kind.hasPrefix("task_") else { return message }
        if kind == "task_progress" { return String(repeating: " ", count: 7) + message }
        guard let space = message.firstIndex(of: " ") else { return message }
        let verb = message[..<space]
        return verb + String(repeating: " ", count: max(1, 7 - verb.count)) + message[message.index(after: space)...]
    }
}
