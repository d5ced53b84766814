import MagicHourRules

/// What drafting a stage's tasks learned of local files, kept apart from the planner's own
/// tables (which other workers read meanwhile) until the drafts are taken.
struct FileFacts: Sendable {
    /// Whether each file checked exists (as a regular file).
    var existing: [String: Bool] = [:]
    /// The SHA-256 of each file hashed; nil for one that cannot be read.
    var checked: [String: String?] = [:]
    /// The files whose digests, worked out ahead by the planner, were used up.
    var usedDigests: [String] = []
    /// Length and frame rate of the timed inputs read.
    var media: [String: MediaFacts] = [:]
}
