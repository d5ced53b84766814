extension PollPolicy {
    /// The policy `MAGIC_HOUR_POLL_INTERVAL` (seconds, above 0 and at most 3600) asks for: that
    /// first interval growing ×1.5 to at least 15 s; nil when the variable is unset or out of range.
    public static func fromEnvironment(_ environment: [String: String]) -> PollPolicy? {
        // Bounded before the conversion to milliseconds, which would trap on a huge value.
        guard let interval = environment["MAGIC_HOUR_POLL_INTERVAL"].flatMap(Double.init), interval > 0,
            interval <= 3600
        else { return nil }
        return PollPolicy(
            initialInterval: .milliseconds(Int64(interval * 1000)), multiplier: 1.5,
            maxInterval: .milliseconds(Int64(max(interval, 15) * 1000)))
    }
}
