import Logging

/// Where `run --simulate`'s stand-in API logs: its own errors (a state file it cannot save) reach
/// standard error; the HTTP server's records (Hummingbird's "Waiting on child channel:
/// CancellationError()" when the run shuts it down) are not the user's business and are dropped.
struct SimulatedAPILogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .error
    var metadataProvider: Logger.MetadataProvider?
    private var destination = StreamLogHandler.standardError(label: "simulated-api")

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard !event.source.hasPrefix("Hummingbird") else { return }
        destination.log(event: event)
    }
}
