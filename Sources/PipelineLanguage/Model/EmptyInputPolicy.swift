/// `if_empty:` of a glob input — what a glob that matches no file in its (existing) folder means.
public enum EmptyInputPolicy: String, Sendable, Hashable, CaseIterable {
    /// The file is invalid: `validate`, `plan` and `run` stop with an error.
    case error
    /// A warning (the default): the plan has no tasks for it, and `run` says so.
    case warn
    /// Nothing is said: an empty folder is normal (a nightly "no new photos today").
    case ignore
}
