extension PollPolicy {
    /// The policy the environment asks for: `MAGIC_HOUR_POLL_INTERVAL` (seconds, above 0 and at
    /// most 3600) polls at that first interval growing ×1.5 to at least 15 s;
    /// `MAGIC_HOUR_POLL_TIME_SCALE` (above 0, at most 1) polls near the expected completion with
    /// typical processing times multiplied by it (for a fake whose renders are scaled down).
    /// `nil` when neither is set or in range.
    public static func fromEnvironment(_ environment: [String: String]) -> PollPolicy? {
        // Bounded before the conversion to milliseconds, which would trap on a huge value.
        if let interval = environment["MAGIC_HOUR_POLL_INTERVAL"].flatMap(Double.init), interval > 0,
            interval <= 3600
        {
            return PollPolicy(
                initialInterval: .milliseconds(Int64(interval * 1000)), multiplier: 1.5,
                maxInterval: .milliseconds(Int64(max(interval, 15) * 1000)))
        }
        if let scale = environment["MAGIC_HOUR_POLL_TIME_SCALE"].flatMap(Double.init), scale > 0, scale <= 1 {
            return .expectedCompletion(timeScale: scale)
        }
        return nil
    }
}
