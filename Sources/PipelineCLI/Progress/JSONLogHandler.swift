import Foundation
import Logging

/// swift-log handler for log shippers: one JSON object per record and line, with `time` (UTC,
/// milliseconds), `level`, `message` and every metadata field (numbers stay numbers).
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
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
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = #"{"time":"# + JSONText.string(Self.timeStyle.format(Date()))
        line += #","level":"# + JSONText.string(event.level.rawValue)
        for key in fields.keys.sorted() {
            line += "," + JSONText.string(key) + ":" + JSONText.value(fields[key]!)
        }
        line += #","message":"# + JSONText.string(event.message.description) + "}\n"
        sink.write(line)
    }

    private static let timeStyle = Date.ISO8601FormatStyle(
        includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
}
