/// The validation and pricing rules of `POST /v1/image-to-video`, in one place so that the
/// pipeline validator, the client and the fake server all apply the same facts.
public enum ImageToVideoRules {
    /// Shortest accepted `end_seconds`.
    public static let minimumSeconds: Double = 5
    /// Longest accepted `end_seconds`.
    public static let maximumSeconds: Double = 60
    /// The only durations 480p accepts.
    public static let durationsAt480p: Set<Double> = [5, 10]

    /// Why a duration/resolution pair is rejected, or `nil` when the API accepts it.
    public static func violation(endSeconds: Double, resolution: VideoResolution) -> RuleViolation? {
        guard endSeconds.isFinite, endSeconds >= minimumSeconds, endSeconds <= maximumSeconds else {
            return .durationOutOfRange(endSeconds)
        }
        if resolution == .p480, !durationsAt480p.contains(endSeconds) {
            return .durationNotAllowedAt480p(endSeconds)
        }
        return nil
    }

    /// Credits charged at creation for a video of `endSeconds` at `resolution`.
    public static func credits(endSeconds: Double, resolution: VideoResolution) -> Int {
        Int((endSeconds * Double(resolution.creditsPerSecond)).rounded(.up))
    }
}

/// A broken Magic Hour image-to-video rule.
public enum RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    case durationOutOfRange(Double)
    case durationNotAllowedAt480p(Double)

    public var description: String {
        switch self {
        case .durationOutOfRange(let seconds):
            "end_seconds must be between 5 and 60, got \(SecondsFormat.format(seconds))"
        case .durationNotAllowedAt480p(let seconds):
            "480p allows only 5 or 10 seconds, got \(SecondsFormat.format(seconds))"
        }
    }
}

/// Formats a number of seconds without a trailing `.0`.
public enum SecondsFormat {
    public static func format(_ seconds: Double) -> String {
        if seconds.rounded() == seconds, abs(seconds) < 1e15 { return String(Int(seconds)) }
        return String(seconds)
    }
}
