/// The ranges the language accepts for its bounded numbers: one table that the decoder, the
/// JSON Schema and the CLI's flags all read.
public enum LanguageLimits {
    /// `max_parallel` (in `settings:` and on a stage) and `run --max-parallel`: tasks at once.
    public static let maxParallel: ClosedRange<Int> = 1...1000
    /// `retry:` / `retry.attempts`: attempts of one task, the first included.
    public static let retryAttempts: ClosedRange<Int> = 1...20

    /// "from 1 to 1000": a range as messages write it.
    public static func text(_ range: ClosedRange<Int>) -> String {
        "from \(range.lowerBound) to \(range.upperBound)"
    }
}
