/// A fix that a lower layer's message can name but not spell: the words stand where a front end
/// (the CLI) puts the option that applies the fix, so no module below the CLI names a CLI flag.
package enum Remedy: Sendable, CaseIterable {
    /// Submit again the tasks whose paid create call has no recorded answer.
    case resubmitUncertain
    /// Run paid tasks that have no published price.
    case allowUnpriced
    /// Name another state file.
    case anotherStateFile

    /// The words a message writes for the fix, e.g. "then rerun with \(Remedy.resubmitUncertain.phrase)".
    package var phrase: String {
        switch self {
        case .resubmitUncertain: "the option that resubmits uncertain tasks"
        case .allowUnpriced: "the option that allows unpriced tasks"
        case .anotherStateFile: "the option that names the state file"
        }
    }
}
