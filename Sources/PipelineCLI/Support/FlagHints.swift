import PipelineBasics

/// The CLI's spelling of each ``Remedy``: lower layers write the remedy's phrase, and every text
/// the CLI prints has the phrase replaced by the flag that applies the fix.
enum FlagHints {
    /// The flag that applies `remedy`.
    static func flag(for remedy: Remedy) -> String {
        switch remedy {
        case .resubmitUncertain: "--resubmit-uncertain"
        case .allowUnpriced: "--allow-unpriced"
        case .anotherStateFile: "--state"
        }
    }

    /// `text` with every remedy's phrase replaced by its flag.
    static func apply(_ text: String) -> String {
        guard text.contains("the option that") else { return text }
        var result = text
        for remedy in Remedy.allCases {
            result = result.replacing(remedy.phrase, with: flag(for: remedy))
        }
        return result
    }
}
