/// What is known of a job's timed input (the video or audio whose segment it processes): its
/// length and frame rate. The plan reads them from local files (libavformat) or from upstream
/// stages' declared lengths; the fake reads them from the uploaded file.
public struct MediaFacts: Sendable, Hashable {
    public var durationSeconds: Double?
    public var framesPerSecond: Double?

    public init(durationSeconds: Double? = nil, framesPerSecond: Double? = nil) {
        self.durationSeconds = durationSeconds
        self.framesPerSecond = framesPerSecond
    }

    public static let unknown = MediaFacts()
}
