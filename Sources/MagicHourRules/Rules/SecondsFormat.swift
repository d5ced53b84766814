/// Formats a number of seconds without a trailing `.0`.
public enum SecondsFormat {
    public static func format(_ seconds: Double) -> String {
        if seconds.rounded() == seconds, abs(seconds) < 1e15 { return String(Int(seconds)) }
        return String(seconds)
    }
}
